//! Reading an index file with bounded memory: the header first, then no
//! more than the length it declares (`zufi search --index /dev/zero` stops
//! after 24 bytes instead of reading the stream).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use anyhow::Context;
use zufi::{format, Error};

/// The most bytes an index file may declare: 1 GiB, 15 times the generated
/// national index (65 MB, docs/PERFORMANCE.md). It bounds what a stream
/// with a forged header (a pipe, a device) can make the CLI read into memory.
pub const MAX_INDEX_FILE_BYTES: u64 = 1 << 30;

/// The bytes of the index file at `path`: the header, then exactly the
/// length it declares, refusing before the body what is not an index, too
/// new, declares more than [`MAX_INDEX_FILE_BYTES`], or (for a regular
/// file) is shorter or longer than declared.
pub fn read_index_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    let cannot_read = || format!("cannot read {}", path.display());
    let cannot_open = || format!("cannot open {}", path.display());
    let mut file = File::open(path).with_context(cannot_read)?;
    let mut bytes = Vec::with_capacity(format::HEADER_LEN);
    (&mut file)
        .take(format::HEADER_LEN as u64)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    let declared = format::declared_file_len(&bytes).with_context(cannot_open)?;
    if declared > MAX_INDEX_FILE_BYTES {
        return Err(Error::Corrupt(format!(
            "the header declares {declared} bytes, more than the {MAX_INDEX_FILE_BYTES} an index file may have"
        )))
        .with_context(cannot_open);
    }
    let metadata = file.metadata().with_context(cannot_read)?;
    if metadata.is_file() && metadata.len() < declared {
        return Err(Error::Truncated {
            expected: declared,
            got: metadata.len(),
        })
        .with_context(cannot_open);
    }
    // One byte more than declared tells a stream that goes on from one that ends.
    (&mut file)
        .take(declared - bytes.len() as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    if bytes.len() as u64 > declared {
        return Err(Error::Corrupt(format!(
            "more bytes follow the {declared} the header declares"
        )))
        .with_context(cannot_open);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zufi::Index;

    fn error_of(path: &Path) -> String {
        format!("{:#}", read_index_bytes(path).unwrap_err())
    }

    fn sample_index() -> Vec<u8> {
        let catalog: zufi::Catalog =
            serde_json::from_str(r#"{"services": [{"id": "s1", "name": "Hundesteuer"}]}"#)
                .expect("test catalog parses");
        zufi::IndexBuilder::new(&catalog)
            .build()
            .expect("builds")
            .bytes
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_stream_is_refused_after_its_header() {
        // /dev/zero never ends; the header's magic number is missing.
        let message = error_of(Path::new("/dev/zero"));
        assert!(message.contains("not a zufi index"), "{message}");
    }

    #[test]
    fn a_forged_length_is_refused_before_the_body() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut forged = sample_index();
        forged[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        let path = dir.path().join("forged.zufi");
        std::fs::write(&path, &forged).expect("written");
        let message = error_of(&path);
        assert!(message.contains("more than the 1073741824"), "{message}");

        // Declared longer than the file: truncated, without reading the body.
        let mut longer = sample_index();
        let declared = longer.len() as u64 + 1000 - format::HEADER_LEN as u64;
        longer[16..24].copy_from_slice(&declared.to_le_bytes());
        std::fs::write(&path, &longer).expect("written");
        let message = error_of(&path);
        assert!(message.contains("truncated: expected"), "{message}");
    }

    #[test]
    fn trailing_bytes_and_short_files_are_errors_and_a_good_index_opens() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index.zufi");
        let good = sample_index();
        std::fs::write(&path, &good).expect("written");
        assert_eq!(read_index_bytes(&path).expect("reads"), good);
        assert!(Index::from_bytes(&read_index_bytes(&path).expect("reads")).is_ok());

        let mut longer = good.clone();
        longer.extend_from_slice(b"more");
        std::fs::write(&path, &longer).expect("written");
        assert!(
            error_of(&path).contains("more bytes follow"),
            "{}",
            error_of(&path)
        );

        std::fs::write(&path, &good[..10]).expect("written");
        assert!(error_of(&path).contains("truncated"), "{}", error_of(&path));
        std::fs::write(&path, b"").expect("written");
        assert!(
            error_of(&path).contains("not a zufi index"),
            "{}",
            error_of(&path)
        );
    }
}
