//! Writing a file so that readers see the old contents or the new, never a
//! torn mix: the bytes go to a temporary file in the same folder, are
//! flushed to disk, and the temporary file is renamed over the target.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file being written in place of `path`: it appears there, whole, only
/// on [`AtomicFile::commit`]; dropped uncommitted, it vanishes.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing a replacement for `path`, readable by its owner only
    /// or, with `shared`, by everyone (as a report for others to open).
    pub fn create(path: &Path, shared: bool) -> io::Result<AtomicFile> {
        let name = path
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        if shared {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        #[cfg(not(unix))]
        let _ = shared;
        Ok(AtomicFile {
            tmp: builder.tempfile_in(folder(path))?,
            path: path.to_path_buf(),
        })
    }

    /// Flushes the new contents to disk and renames them over the target.
    pub fn commit(self) -> io::Result<()> {
        self.tmp.as_file().sync_all()?;
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        // Make the rename itself durable; not every platform can open a folder.
        #[cfg(unix)]
        File::open(folder(&self.path)).and_then(|d| d.sync_all())?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.tmp.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// The folder a file is in ("." for a bare name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `bytes` atomically, readable by its owner only. On
/// failure the old file, if any, is untouched and the temporary file is
/// removed.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path, false)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_fails_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.json");
        assert!(write(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
