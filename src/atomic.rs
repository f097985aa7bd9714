//! Writing a file so that readers see the old contents or the new, never a
//! torn mix: the bytes go to a temporary file in the same folder, are
//! flushed to disk, and the temporary file is renamed over the target.
//!
//! A symbolic link is written through, not replaced: the temporary file is
//! made beside the file the link ends at and renamed over that file, so
//! the link stays a link and its target gets the new contents.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links [`resolve`] follows before giving up (the
/// limit Linux sets on a path's links).
const MAX_LINKS: usize = 40;

/// A file being written in place of `path`: it appears there, whole, only
/// on [`AtomicFile::commit`]; dropped uncommitted, it vanishes.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing a replacement for `path` (for the file it links to,
    /// when it is a symbolic link; it must be a regular file if it exists),
    /// readable by its owner only or, with `shared`, by everyone the umask
    /// lets read it (as a report for others to open).
    pub fn create(path: &Path, shared: bool) -> io::Result<AtomicFile> {
        let path = resolve(path)?.ok_or_else(|| {
            io::Error::other("a handle on a file already open, which cannot be replaced")
        })?;
        // Renaming over a device or a FIFO would put a file in its place.
        if fs::metadata(&path).is_ok_and(|meta| !meta.is_file()) {
            return Err(io::Error::other(
                "not a regular file, so it cannot be replaced whole",
            ));
        }
        let prefix = temp_prefix(&path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        #[cfg(unix)]
        if shared {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        #[cfg(not(unix))]
        let _ = shared;
        Ok(AtomicFile {
            tmp: builder.tempfile_in(folder(&path))?,
            path,
        })
    }

    /// The file being replaced, links followed.
    pub fn path(&self) -> &Path {
        &self.path
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

/// The end of a temporary file's name.
const TEMP_SUFFIX: &str = ".tmp";

/// The start of the names of the temporary files that replace `path`:
/// hidden, then the file's own name (`.progress.json.`), then a random part.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    format!(".{name}.")
}

/// The folder a file is in ("." for a bare name).
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The file `path` names once symbolic links are followed: the file the
/// last link points to, which need not exist yet. `None` when a link is a
/// handle on a file some process already has open (`/dev/stdout` links to
/// `/proc/self/fd/1`): such a file can be written into but has no folder
/// of its own to make a replacement in.
pub fn resolve(path: &Path) -> io::Result<Option<PathBuf>> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let dir = folder(&path);
                if is_open_file_folder(dir) {
                    return Ok(None);
                }
                path = dir.join(fs::read_link(&path)?);
            }
            Ok(_) => return Ok(Some(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(path)),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row"
    )))
}

/// Whether `dir` is a folder of open files' handles (`/proc/self/fd`,
/// reached as `/dev/fd` too), whose links name files by what a process has
/// open rather than by where they are.
fn is_open_file_folder(dir: &Path) -> bool {
    fs::canonicalize(dir).is_ok_and(|d| d.starts_with("/proc"))
}

/// Removes the temporary files that writers of `path` (links followed)
/// left behind when they were killed before they could either rename or
/// remove them. A live writer's temporary file looks the same, so this is
/// for a caller that knows no other writer is at work (one holding the
/// lock every writer takes). Returns how many were removed.
pub fn remove_stale(path: &Path) -> io::Result<usize> {
    let Some(path) = resolve(path)? else {
        return Ok(0);
    };
    let prefix = temp_prefix(&path);
    let mut removed = 0;
    for entry in fs::read_dir(folder(&path))? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(random) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix.as_str()))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let ours = !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ours || !entry.file_type()?.is_file() {
            continue;
        }
        match fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
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

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/out.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink("real/out.json", &link).unwrap();

        write(&link, b"new").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path().join("real")).unwrap().count(),
            1
        );

        // A link to a file not made yet makes that file.
        std::fs::remove_file(&target).unwrap();
        write(&link, b"newer").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "newer");
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", &b).unwrap();
        let err = write(&a, b"x").unwrap_err();
        assert!(err.to_string().contains("symbolic links"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_replaced() {
        // Only starts a replacement, so a failure here replaces nothing.
        let err = AtomicFile::create(Path::new("/dev/null"), true)
            .err()
            .expect("/dev/null refused");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_open_files_handle_has_nothing_to_replace() {
        assert_eq!(resolve(Path::new("/dev/stdout")).unwrap(), None);
        assert_eq!(resolve(Path::new("/dev/fd/1")).unwrap(), None);
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.txt");
        assert_eq!(resolve(&new).unwrap(), Some(new));
    }

    #[test]
    fn only_this_files_temporary_files_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        std::fs::write(&path, "kept").unwrap();
        let stale = [".progress.json.a1B2c3.tmp", ".progress.json.zzzzzz.tmp"];
        let others = [
            "progress.json",
            ".progress.json..tmp",
            ".progress.json.a-b.tmp",
            ".other.json.a1B2c3.tmp",
            "progress.json.corrupt-20260105T090000Z",
        ];
        for name in stale.iter().chain(&others[1..]) {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join(".progress.json.folder.tmp")).unwrap();
        assert_eq!(remove_stale(&path).unwrap(), 2);
        for name in stale {
            assert!(!dir.path().join(name).exists(), "{name} left");
        }
        for name in others.iter().chain(&[".progress.json.folder.tmp"]) {
            assert!(dir.path().join(name).exists(), "{name} removed");
        }
    }
}
