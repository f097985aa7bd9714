//! Where a command's output file goes (`batch -o`, `rubric derive -o`). A
//! regular file, a file not made yet, or a link to either is replaced
//! whole, atomically ([`AtomicFile`]): a reader never sees half a report,
//! and a run that fails leaves the old file as it was. Anything else (a
//! device such as `/dev/null`, a FIFO, a terminal, `/dev/stdout`) is
//! written straight into, as a shell's `>` would: it has no contents to
//! keep whole, and a file renamed over it would take its place.

use crate::atomic::{self, AtomicFile};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// An output file being written.
pub enum OutputFile {
    /// A replacement, which takes the file's place on [`OutputFile::commit`].
    Replace(AtomicFile),
    /// A device, FIFO or terminal, written into as the bytes come.
    Straight(File),
}

impl OutputFile {
    /// Starts writing to `path`: a replacement, made readable by everyone
    /// the umask allows when `shared` (else by its owner only), or the
    /// thing itself when it is no regular file. A folder is an error.
    pub fn create(path: &Path, shared: bool) -> io::Result<OutputFile> {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a folder, not a file",
            )),
            Ok(meta) if !meta.is_file() => straight(path),
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            // A regular file, or none yet (perhaps at the end of a link).
            _ => match atomic::resolve(path)? {
                Some(_) => Ok(OutputFile::Replace(AtomicFile::create(path, shared)?)),
                // A handle on a file already open: stdout sent to a file.
                None => straight(path),
            },
        }
    }

    /// The folder the replacement is made in, where a command may keep
    /// its own temporary files; `None` when writing straight into a device.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            OutputFile::Replace(file) => Some(atomic::folder(file.path())),
            OutputFile::Straight(_) => None,
        }
    }

    /// Puts the replacement in place, or flushes what was written straight.
    pub fn commit(self) -> io::Result<()> {
        match self {
            OutputFile::Replace(file) => file.commit(),
            OutputFile::Straight(mut file) => file.flush(),
        }
    }
}

/// Opens what `path` names for writing, without creating or truncating it.
/// Appending changes nothing for a device or a FIFO, and keeps a shell's
/// `>>` when `/dev/stdout` is a file.
fn straight(path: &Path) -> io::Result<OutputFile> {
    let file = OpenOptions::new().append(true).open(path)?;
    Ok(OutputFile::Straight(file))
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            OutputFile::Replace(file) => file.write(buf),
            OutputFile::Straight(file) => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            OutputFile::Replace(file) => file.write_all(buf),
            OutputFile::Straight(file) => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputFile::Replace(file) => file.flush(),
            OutputFile::Straight(file) => file.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut out = OutputFile::create(path, true)?;
        out.write_all(bytes)?;
        out.commit()
    }

    #[test]
    fn a_regular_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("marks.jsonl");
        std::fs::write(&path, "old").unwrap();
        let out = OutputFile::create(&path, true).unwrap();
        assert!(matches!(out, OutputFile::Replace(_)));
        assert_eq!(out.folder(), Some(dir.path()));
        drop(out);
        written(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_is_written_into_not_replaced() {
        let null = Path::new("/dev/null");
        let out = OutputFile::create(null, true).unwrap();
        assert!(matches!(out, OutputFile::Straight(_)));
        assert_eq!(out.folder(), None);
        drop(out);
        written(null, b"marks").unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = written(dir.path(), b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        assert!(dir.path().is_dir());
    }
}
