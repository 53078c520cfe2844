//! Text matching shared by the server's search and the app's highlighting:
//! case- and accent-insensitive, so "gutersloh" finds "Gütersloh".

/// Lower-cases `s` and strips the diacritics of Latin letters. Characters of
/// other scripts (Japanese names, say) pass through unchanged. A small table
/// rather than full Unicode normalisation keeps the browser bundle small.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'þ' | 'Þ' => out.push_str("th"),
            _ => {
                for lower in ch.to_lowercase() {
                    out.push(strip_accent(lower));
                }
            }
        }
    }
    out
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// `s` without control characters (NUL, escape, backspace…) or the
/// characters that reorder text (bidirectional overrides and isolates): a
/// control becomes a space, except line breaks, kept as `\n` in long text
/// (`keep_lines`); a reordering character goes.
pub fn strip_controls(s: &str, keep_lines: bool) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter(|&c| !is_bidi_control(c))
        .map(|c| match c {
            '\n' if keep_lines => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// U+202A to U+202E and U+2066 to U+2069: they make a name display other
/// than it is (a file "exe.txt" that is "txt.exe").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show as nothing or change the direction of what
/// follows without showing: the marks (U+200E, U+200F, U+061C), the zero
/// width space and joiner (U+200B, U+2060), the byte-order mark (U+FEFF).
/// Harmless inside a student's comment; in a name, a way to make two names
/// look the same.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Whether a name holds a control, reordering or invisible character:
/// refused in names that staff set (colleges, accounts).
pub fn has_hidden_characters(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || is_bidi_control(c) || is_invisible_mark(c))
}

/// A value from the address (a search, a survey link's course) as it may
/// be shown back: without controls (NUL, escape…), reordering characters
/// or invisible marks, which would otherwise land in the page's title, its
/// share preview and its search box. Spaces squashed, ends trimmed.
pub fn reflected(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| !is_bidi_control(c) && !is_invisible_mark(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    squash_spaces(&kept)
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn squash_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `{name}` placeholders in `template` filled from `args`, in one pass (a
/// value that itself holds `{…}`, a search for "{n}" say, stays as it is);
/// an unknown placeholder is left as it is, so a mistake shows rather than
/// vanishes. The app's catalogue and the server's pages both fill with it.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    fill_with(template, args, false)
}

/// [`fill`], each value isolated for the bidirectional algorithm (between
/// U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, as
/// `<bdi>` would): for right-to-left pages.
pub fn fill_isolated(template: &str, args: &[(&str, &str)]) -> String {
    fill_with(template, args, true)
}

fn fill_with(template: &str, args: &[(&str, &str)], isolate: bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) if isolate => {
                        out.push('\u{2068}');
                        out.push_str(v);
                        out.push('\u{2069}');
                    }
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The year and month of a month written `YYYY-MM` (when a college's data
/// was compiled); None for anything else. The app and the server's pages
/// both word it from these.
pub fn month_parts(iso: &str) -> Option<(i32, u32)> {
    crate::dates::parse_month(iso)
}

/// The year, month and day of a day written `YYYY-MM-DD` (when staff last
/// changed a college); None for anything else.
pub fn date_parts(iso: &str) -> Option<(i32, u32, u32)> {
    crate::dates::date_parts(iso)
}

/// "Town, Region, Country", leaving out what is empty or repeats the
/// town. A list separator in the page's language would need
/// Intl.ListFormat's data for little gain: a comma reads in every script
/// we have but Arabic and Urdu (`rtl`), which use their own.
pub fn place(locality: &str, region: &str, country_name: &str, rtl: bool) -> String {
    let mut parts = vec![locality.trim()];
    let region = region.trim();
    if !region.eq_ignore_ascii_case(locality.trim()) {
        parts.push(region);
    }
    parts.push(country_name.trim());
    parts.retain(|p| !p.is_empty());
    if rtl {
        // Each name isolated: "Liverpool، England" keeps its order between
        // Arabic words.
        parts
            .iter()
            .map(|p| format!("\u{2068}{p}\u{2069}"))
            .collect::<Vec<_>>()
            .join("، ")
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_months_and_days() {
        assert_eq!(month_parts("2026-11"), Some((2026, 11)));
        assert_eq!(date_parts("2026-01-09"), Some((2026, 1, 9)));
        for wrong in [
            "2026",
            "2026-13",
            "2026-00",
            "soon",
            "2026-x",
            "-11",
            "2026-11-01",
        ] {
            assert_eq!(month_parts(wrong), None, "{wrong}");
        }
        for wrong in [
            "2026-11",
            "2026-11-00",
            "2026-11-32",
            "2026-13-01",
            "2026-x-01",
            "a-b-c",
        ] {
            assert_eq!(date_parts(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn isolates_each_value_for_right_to_left_pages() {
        assert_eq!(
            fill_isolated("«{note}» {n}", &[("note", "Closed."), ("n", "3")]),
            "«\u{2068}Closed.\u{2069}» \u{2068}3\u{2069}"
        );
        assert_eq!(fill_isolated("{missing}", &[]), "{missing}");
        assert_eq!(
            place("Liverpool", "England", "المملكة المتحدة", true),
            "\u{2068}Liverpool\u{2069}، \u{2068}England\u{2069}، \u{2068}المملكة المتحدة\u{2069}"
        );
        assert_eq!(
            place("Bern", "Bern", "Switzerland", false),
            "Bern, Switzerland"
        );
    }

    #[test]
    fn fills_placeholders_once() {
        assert_eq!(fill("{a} of {b}", &[("a", "1"), ("b", "2")]), "1 of 2");
        assert_eq!(fill("{x} stays", &[]), "{x} stays");
        assert_eq!(fill("no { close", &[]), "no { close");
        assert_eq!(
            fill("Colleges matching “{q}” ({n})", &[("q", "{n}"), ("n", "3")]),
            "Colleges matching “{n}” (3)"
        );
    }

    #[test]
    fn controls_and_reordering_characters_go() {
        assert_eq!(strip_controls("a\0b\x1bc", false), "a b c");
        assert_eq!(strip_controls("line\r\nnext\tend", true), "line\nnext end");
        assert_eq!(strip_controls("line\nnext", false), "line next");
        assert_eq!(strip_controls("abc\u{202E}txt.exe", false), "abctxt.exe");
        assert!(has_hidden_characters("Evil\u{2066}College"));
        for mark in ['\u{200B}', '\u{200F}', '\u{061C}'] {
            assert!(
                has_hidden_characters(&format!("Leeds{mark} College")),
                "{mark:?}"
            );
        }
        assert!(!has_hidden_characters("كلية التعافي"));
        assert_eq!(reflected("a\u{0}b\u{1b}c\u{202E}d\u{200F} "), "a b cd");
        assert_eq!(reflected("  Zürich\t  Genève "), "Zürich Genève");
        assert!(has_hidden_characters("tab\there"));
        assert!(!has_hidden_characters("Återhämtningsskolan Malmö"));
    }

    #[test]
    fn folds_case_and_accents() {
        let cases = [
            ("Gütersloh", "gutersloh"),
            ("BERN", "bern"),
            ("Straße", "strasse"),
            ("Baden-Württemberg", "baden-wurttemberg"),
            ("Île-de-France", "ile-de-france"),
            ("Łódź", "lodz"),
            ("東京", "東京"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn squashes_whitespace() {
        assert_eq!(squash_spaces("  north \t  east  "), "north east");
        assert_eq!(squash_spaces("   "), "");
    }
}
