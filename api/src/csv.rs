//! CSV exports (enquiries, survey results): one record writer that guards
//! against formula injection.

/// Neutralises a CSV cell against formula injection (OWASP): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe, so spreadsheets show it as text.
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One CSV record (RFC 4180): cells neutralised, quoted when they hold a
/// comma, quote or line break, quotes doubled, ended by CRLF.
pub fn csv_record<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            let cell = csv_safe(c.as_ref());
            // Quoted when it holds any common locale's separator (a comma, a
            // semicolon, a tab), a quote or a line break.
            if cell.contains([',', ';', '\t', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_neutralised() {
        assert_eq!(
            csv_record(&["plain", "a,b", "say \"hi\"", "=1+1", "-2", "line\nbreak"]),
            "plain,\"a,b\",\"say \"\"hi\"\"\",'=1+1,'-2,\"line\nbreak\"\r\n"
        );
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("+44 20"), "'+44 20");
        assert_eq!(csv_safe("\tx"), "'\tx");
        assert_eq!(csv_safe("ok=1"), "ok=1");
        // Semicolons and tabs separate cells in other locales' spreadsheets.
        assert_eq!(csv_record(&["a;b", "c\td", "e"]), "\"a;b\",\"c\td\",e\r\n");
    }
}
