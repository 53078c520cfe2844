//! Brotli and gzip copies of the built app's files, made once at build time
//! at the highest levels, so that serving them costs nothing and the first
//! load is as small as it can be (dynamic compression uses a cheaper level).

use std::io::Write;
use std::path::Path;

/// File types worth compressing; images other than SVG are compressed already.
const COMPRESSIBLE: &[&str] = &[
    "js",
    "wasm",
    "css",
    "html",
    "svg",
    "json",
    "txt",
    "webmanifest",
];

/// Writes `NAME.br` and `NAME.gz` beside each compressible file under `dir`
/// that lacks an up-to-date copy. Returns how many files it compressed.
pub fn precompress_dir(dir: &Path) -> std::io::Result<usize> {
    let mut done = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            done += precompress_dir(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let br = path.with_extension(format!("{ext}.br"));
        let gz = path.with_extension(format!("{ext}.gz"));
        if is_fresh(&br, &path) && is_fresh(&gz, &path) {
            continue;
        }
        let data = std::fs::read(&path)?;
        let mut out = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
            writer.write_all(&data)?;
        }
        std::fs::write(&br, &out)?;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&data)?;
        std::fs::write(&gz, encoder.finish()?)?;
        done += 1;
    }
    Ok(done)
}

fn is_fresh(copy: &Path, original: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(copy), modified(original)), (Some(c), Some(o)) if c >= o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_copies_that_decompress_to_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let text = "body { color: red; }\n".repeat(200);
        std::fs::write(dir.path().join("style-0123456789abcd.css"), &text).unwrap();
        std::fs::write(dir.path().join("photo.png"), [0u8; 10]).unwrap();
        assert_eq!(precompress_dir(dir.path()).unwrap(), 1);
        assert_eq!(
            precompress_dir(dir.path()).unwrap(),
            0,
            "up to date: nothing to do"
        );

        let br = std::fs::read(dir.path().join("style-0123456789abcd.css.br")).unwrap();
        let mut decoded = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, text);
        let gz = std::fs::read(dir.path().join("style-0123456789abcd.css.gz")).unwrap();
        let mut decoded = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, text);
        assert!(!dir.path().join("photo.png.br").exists());
    }
}
