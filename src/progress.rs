//! Practice progress that is never lost: every attempt a student makes and
//! each card's spaced-repetition state, kept in `progress.json` in the data
//! folder ([`data_dir`]).
//!
//! Writes are atomic (a temporary file in the same folder, synced, then
//! renamed over the old one; a `progress.json` that is a symbolic link is
//! written through, its target replaced and the link kept), and
//! [`ProgressStore::record`] holds an exclusive lock on `progress.lock` for
//! its whole read-modify-write, so two practice sessions running at once
//! keep each other's attempts. Whoever takes the lock first removes the
//! temporary files a session killed mid-write left. A file that cannot be
//! read, or that a newer selfmark wrote, is never overwritten: it is moved
//! aside and a [`LoadNotice`] says where it went.

use crate::report::{MarkResult, Status};
use crate::schedule::CardState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use thiserror::Error;

/// The progress file format this build reads and writes.
pub const PROGRESS_VERSION: u32 = 1;
/// The progress file's name inside the data folder.
pub const PROGRESS_FILE: &str = "progress.json";
/// The lock file's name inside the data folder.
pub const LOCK_FILE: &str = "progress.lock";

/// Everything a student has practised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The file format version ([`PROGRESS_VERSION`]).
    pub version: u32,
    /// Every attempt, oldest first.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Each card's scheduling state, keyed by [`schedule_key`].
    #[serde(default)]
    pub schedule: BTreeMap<String, CardState>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: PROGRESS_VERSION,
            attempts: Vec::new(),
            schedule: BTreeMap::new(),
        }
    }
}

impl Progress {
    /// The scheduling state of a card, if it has been practised.
    pub fn state(&self, deck: &str, card_id: &str) -> Option<&CardState> {
        self.schedule.get(&schedule_key(deck, card_id))
    }
}

/// The key of a card in [`Progress::schedule`]: the deck's title and the
/// card's id, joined by a tab (which neither a title nor an id contains).
pub fn schedule_key(deck: &str, card_id: &str) -> String {
    format!("{deck}\t{card_id}")
}

/// One answer the student gave, as it was marked and rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// The deck's title.
    pub deck: String,
    /// The card's id in the deck.
    pub card_id: String,
    pub question: String,
    /// When the answer was marked.
    pub time: DateTime<Utc>,
    pub answer: String,
    pub mark: u32,
    pub max: u32,
    /// The level of response, when the question is marked by levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// What the answer did with each rubric point.
    pub points: Vec<AttemptPoint>,
    /// The student's "How well did you know this?" rating, 1–5.
    pub rating: u8,
    /// How long the answer took to write, in seconds (typed at a terminal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u64>,
    /// The time allowed, in seconds, when practised with `--timed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_seconds: Option<u64>,
}

/// A rubric point's outcome in one attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptPoint {
    pub id: String,
    pub status: Status,
}

impl Attempt {
    /// The attempt for an answer marked as `result` and rated `rating`.
    pub fn from_result(
        deck: &str,
        result: &MarkResult,
        answer: &str,
        rating: u8,
        time: DateTime<Utc>,
    ) -> Attempt {
        Attempt {
            deck: deck.to_string(),
            card_id: result.question_id.clone(),
            question: result.question.clone(),
            time,
            answer: answer.to_string(),
            mark: result.mark,
            max: result.max,
            level: result.level,
            points: result
                .points
                .iter()
                .map(|p| AttemptPoint {
                    id: p.id.clone(),
                    status: p.status,
                })
                .collect(),
            rating,
            seconds: None,
            limit_seconds: None,
        }
    }
}

/// Something the student should be told about their progress file, which
/// could not be used and was kept aside so nothing in it is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNotice {
    /// The file was not valid progress (damaged, truncated, hand-edited).
    Corrupt {
        path: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The file was written by a newer selfmark.
    Newer {
        path: PathBuf,
        moved_to: PathBuf,
        version: u32,
        supported: u32,
    },
}

impl LoadNotice {
    /// Where the unusable file now is.
    pub fn moved_to(&self) -> &Path {
        match self {
            LoadNotice::Corrupt { moved_to, .. } | LoadNotice::Newer { moved_to, .. } => moved_to,
        }
    }
}

impl fmt::Display for LoadNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadNotice::Corrupt {
                path,
                moved_to,
                reason,
            } => write!(
                f,
                "{}: could not be read ({reason}); kept it as {} and started new progress",
                path.display(),
                moved_to.display()
            ),
            LoadNotice::Newer {
                path,
                moved_to,
                version,
                supported,
            } => write!(
                f,
                "{}: written by a newer selfmark (format {version}, this one reads up to \
                 {supported}); kept it as {} and started new progress",
                path.display(),
                moved_to.display()
            ),
        }
    }
}

/// Progress as loaded, with a notice if the old file had to be kept aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub progress: Progress,
    pub notice: Option<LoadNotice>,
}

/// Progress could not be read or saved. Each names the file concerned.
#[derive(Debug, Error)]
pub enum ProgressError {
    #[error("{}: cannot create the folder: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("{}: cannot lock: {source}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: cannot encode progress: {source}", path.display())]
    Encode {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}: {reason}; left as it is (`selfmark practice` keeps it aside and starts new \
progress)", path.display())]
    Unusable { path: PathBuf, reason: String },
    #[error("{}: unusable, and cannot move it aside to {}: {source}", path.display(), to.display())]
    MoveAside {
        path: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
}

/// The folder progress is kept in: `$SELFMARK_HOME` if set, else the
/// platform's data folder for selfmark (e.g. `~/.local/share/selfmark`),
/// else `.selfmark` in the current folder when there is no home folder.
pub fn data_dir() -> PathBuf {
    data_dir_from(std::env::var_os("SELFMARK_HOME"))
}

fn data_dir_from(selfmark_home: Option<OsString>) -> PathBuf {
    match selfmark_home {
        Some(home) if !home.is_empty() => PathBuf::from(home),
        _ => directories::ProjectDirs::from("", "", "selfmark")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".selfmark")),
    }
}

/// Why a progress file can't be used.
enum Unusable {
    /// Written by a newer selfmark, in this format version.
    Newer(u32),
    /// Not valid progress, for this reason.
    Corrupt(String),
}

/// Reads a progress file's bytes.
fn parse(bytes: &[u8]) -> Result<Progress, Unusable> {
    #[derive(Deserialize)]
    struct Probe {
        version: u32,
    }
    match serde_json::from_slice::<Probe>(bytes) {
        Ok(probe) if probe.version > PROGRESS_VERSION => Err(Unusable::Newer(probe.version)),
        Ok(_) => {
            serde_json::from_slice::<Progress>(bytes).map_err(|e| Unusable::Corrupt(e.to_string()))
        }
        Err(e) => Err(Unusable::Corrupt(e.to_string())),
    }
}

/// The progress file in one data folder.
#[derive(Debug, Clone)]
pub struct ProgressStore {
    dir: PathBuf,
}

/// Held while the store is being read or written; dropping it unlocks.
struct Lock(#[allow(dead_code)] File);

impl ProgressStore {
    /// The store in `dir` (created when first saved to).
    pub fn open(dir: &Path) -> ProgressStore {
        ProgressStore {
            dir: dir.to_path_buf(),
        }
    }

    /// The progress file: `dir/progress.json`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }

    /// Reads the progress. No file yet gives empty progress; an unusable
    /// file is moved aside, and empty progress comes with a notice saying so.
    pub fn load(&self) -> Result<Loaded, ProgressError> {
        let _lock = self.lock()?;
        self.load_locked()
    }

    /// Replaces the saved progress with `progress`, atomically.
    pub fn save(&self, progress: &Progress) -> Result<(), ProgressError> {
        let _lock = self.lock()?;
        self.save_locked(progress)
    }

    /// Appends `attempt` and sets its card's state to `state`, under the
    /// lock, so concurrent sessions never lose each other's attempts.
    /// Returns the progress as saved, and any notice from loading it.
    pub fn record(&self, attempt: Attempt, state: CardState) -> Result<Loaded, ProgressError> {
        let _lock = self.lock()?;
        let mut loaded = self.load_locked()?;
        let key = schedule_key(&attempt.deck, &attempt.card_id);
        loaded.progress.attempts.push(attempt);
        loaded.progress.schedule.insert(key, state);
        self.save_locked(&loaded.progress)?;
        Ok(loaded)
    }

    fn lock(&self) -> Result<Lock, ProgressError> {
        fs::create_dir_all(&self.dir).map_err(|source| ProgressError::CreateDir {
            path: self.dir.clone(),
            source,
        })?;
        let path = self.lock_path();
        let lock_err = |source| ProgressError::Lock {
            path: path.clone(),
            source,
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(lock_err)?;
        file.lock().map_err(lock_err)?;
        // Every writer holds the lock, so a temporary file seen now is one
        // a killed writer left (each as large as the progress). Failing to
        // remove one loses nothing, and the save that follows says if the
        // folder can't be written.
        let _ = crate::atomic::remove_stale(&self.path());
        Ok(Lock(file))
    }

    /// Reads the progress without changing anything, for commands that
    /// only show it (`stats`, `history`): no file yet gives empty progress;
    /// an unusable file is an error and is left where it is. Saves replace
    /// the file whole, so no lock is needed to read it.
    pub fn read(&self) -> Result<Progress, ProgressError> {
        let Some(bytes) = self.bytes()? else {
            return Ok(Progress::default());
        };
        parse(&bytes).map_err(|why| ProgressError::Unusable {
            path: self.path(),
            reason: match why {
                Unusable::Newer(version) => format!(
                    "written by a newer selfmark (format {version}, this one reads up to \
{PROGRESS_VERSION})"
                ),
                Unusable::Corrupt(reason) => format!("could not be read ({reason})"),
            },
        })
    }

    /// The progress file's bytes; `None` when there is no file yet.
    fn bytes(&self) -> Result<Option<Vec<u8>>, ProgressError> {
        let path = self.path();
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(ProgressError::Read { path, source }),
        }
    }

    fn load_locked(&self) -> Result<Loaded, ProgressError> {
        let Some(bytes) = self.bytes()? else {
            return Ok(Loaded {
                progress: Progress::default(),
                notice: None,
            });
        };
        let path = self.path();
        let notice = match parse(&bytes) {
            Ok(progress) => {
                return Ok(Loaded {
                    progress,
                    notice: None,
                });
            }
            Err(Unusable::Newer(version)) => LoadNotice::Newer {
                path,
                moved_to: self.move_aside("newer")?,
                version,
                supported: PROGRESS_VERSION,
            },
            Err(Unusable::Corrupt(reason)) => LoadNotice::Corrupt {
                path,
                moved_to: self.move_aside("corrupt")?,
                reason,
            },
        };
        Ok(Loaded {
            progress: Progress::default(),
            notice: Some(notice),
        })
    }

    /// Renames the progress file to `progress.json.<why>-<UTC time>`, with a
    /// counter when that name is taken.
    fn move_aside(&self, why: &str) -> Result<PathBuf, ProgressError> {
        let path = self.path();
        let stamp = DateTime::<Utc>::from(SystemTime::now()).format("%Y%m%dT%H%M%SZ");
        let base = format!("{PROGRESS_FILE}.{why}-{stamp}");
        let mut to = self.dir.join(&base);
        let mut n = 2;
        while to.exists() {
            to = self.dir.join(format!("{base}-{n}"));
            n += 1;
        }
        fs::rename(&path, &to).map_err(|source| ProgressError::MoveAside {
            path: path.clone(),
            to: to.clone(),
            source,
        })?;
        Ok(to)
    }

    fn save_locked(&self, progress: &Progress) -> Result<(), ProgressError> {
        let path = self.path();
        let json = serde_json::to_vec_pretty(progress).map_err(|source| ProgressError::Encode {
            path: path.clone(),
            source,
        })?;
        let mut json = json;
        json.push(b'\n');
        crate::atomic::write(&path, &json).map_err(|source| ProgressError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::review;
    use chrono::{Duration, TimeZone};
    use std::sync::Arc;
    use std::thread;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
    }

    fn attempt(card_id: &str, n: u32) -> Attempt {
        Attempt {
            deck: "How did Stalin gain and hold on to power?".into(),
            card_id: card_id.into(),
            question: "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]".into(),
            time: t0() + Duration::minutes(i64::from(n)),
            answer: format!("answer {n}"),
            mark: n % 7,
            max: 6,
            level: Some(2),
            points: vec![
                AttemptPoint {
                    id: "gen-sec".into(),
                    status: Status::Explained,
                },
                AttemptPoint {
                    id: "trotsky-arrogant".into(),
                    status: Status::Missing,
                },
            ],
            rating: 3,
            seconds: Some(200),
            limit_seconds: None,
        }
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn missing_file_is_empty_progress() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = ProgressStore::open(&dir.path().join("new")).load().unwrap();
        assert_eq!(loaded.progress, Progress::default());
        assert_eq!(loaded.notice, None);
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path());
        let state = review(None, 3, t0());
        let loaded = store.record(attempt("1", 1), state.clone()).unwrap();
        assert_eq!(loaded.notice, None);
        let again = store.load().unwrap();
        assert_eq!(again.notice, None);
        assert_eq!(again.progress, loaded.progress);
        let deck = "How did Stalin gain and hold on to power?";
        assert_eq!(again.progress.state(deck, "1"), Some(&state));
        assert_eq!(again.progress.attempts, vec![attempt("1", 1)]);

        let mut edited = again.progress.clone();
        edited.attempts.push(attempt("2", 2));
        store.save(&edited).unwrap();
        assert_eq!(store.load().unwrap().progress, edited);
        // Only the file and its lock: no temporary files left behind.
        assert_eq!(files(dir.path()), [PROGRESS_FILE, LOCK_FILE]);
    }

    #[test]
    fn stale_progress_temp_files_are_removed_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path());
        store
            .record(attempt("1", 1), review(None, 4, t0()))
            .unwrap();
        // What a session killed between writing and renaming leaves.
        let stale = dir.path().join(".progress.json.Xy12Ab.tmp");
        fs::write(&stale, fs::read(store.path()).unwrap()).unwrap();
        // Only showing progress changes nothing, stale files included.
        store.read().unwrap();
        assert!(stale.exists());
        let loaded = store.load().unwrap();
        assert_eq!(loaded.progress.attempts.len(), 1);
        assert_eq!(files(dir.path()), [PROGRESS_FILE, LOCK_FILE]);
        // (`concurrent_sessions_keep_all_attempts` shows a live session's
        // temporary file is never taken for a stale one.)
    }

    #[test]
    fn concurrent_sessions_keep_all_attempts() {
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let per_thread = 25;
        let handles: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|card| {
                let dir = Arc::clone(&dir);
                thread::spawn(move || {
                    let store = ProgressStore::open(dir.path());
                    for n in 0..per_thread {
                        let state = review(None, 4, t0());
                        store.record(attempt(card, n), state).unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let progress = ProgressStore::open(dir.path()).load().unwrap().progress;
        assert_eq!(progress.attempts.len(), 2 * per_thread as usize);
        for card in ["a", "b"] {
            let answers: Vec<_> = progress
                .attempts
                .iter()
                .filter(|a| a.card_id == card)
                .map(|a| a.answer.clone())
                .collect();
            let expected: Vec<_> = (0..per_thread).map(|n| format!("answer {n}")).collect();
            assert_eq!(answers, expected, "card {card}");
        }
        assert_eq!(progress.schedule.len(), 2);
    }

    #[test]
    fn corrupt_file_is_moved_aside_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path());
        let garbage = b"{\"version\": 1, \"attempts\": [tru";
        fs::write(store.path(), garbage).unwrap();

        let loaded = store.load().unwrap();
        assert_eq!(loaded.progress, Progress::default());
        let notice = loaded.notice.expect("a notice");
        assert!(matches!(notice, LoadNotice::Corrupt { .. }), "{notice:?}");
        let kept = notice.moved_to().to_path_buf();
        let name = kept.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("progress.json.corrupt-"), "{name}");
        assert_eq!(fs::read(&kept).unwrap(), garbage);
        assert!(notice.to_string().contains(&name));
        assert!(!store.path().exists());

        // Fresh progress starts, and the kept file is left alone.
        store
            .record(attempt("1", 1), review(None, 4, t0()))
            .unwrap();
        assert_eq!(store.load().unwrap().progress.attempts.len(), 1);
        assert_eq!(fs::read(&kept).unwrap(), garbage);

        // A second corrupt file the same second gets its own name.
        fs::write(store.path(), b"").unwrap();
        let second = store.load().unwrap().notice.unwrap();
        assert_ne!(second.moved_to(), kept);
        assert!(second.moved_to().exists() && kept.exists());
    }

    #[test]
    fn reading_to_show_progress_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(&dir.path().join("data"));
        assert_eq!(store.read().unwrap(), Progress::default());
        assert!(!dir.path().join("data").exists(), "no folder is made");

        let store = ProgressStore::open(dir.path());
        for (bytes, says) in [
            (
                format!("{{\"version\": {}}}", PROGRESS_VERSION + 1),
                "newer selfmark",
            ),
            (
                "{\"version\": 1, \"attempts\": [tru".to_string(),
                "could not be read",
            ),
        ] {
            fs::write(store.path(), &bytes).unwrap();
            let err = store.read().unwrap_err();
            assert!(matches!(err, ProgressError::Unusable { .. }), "{err:?}");
            assert!(err.to_string().contains(says), "{err}");
            assert_eq!(fs::read_to_string(store.path()).unwrap(), bytes);
            assert_eq!(
                fs::read_dir(dir.path()).unwrap().count(),
                1,
                "nothing moved aside"
            );
        }
    }

    #[test]
    fn newer_version_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path());
        let newer = format!(
            "{{\"version\": {}, \"attempts\": [], \"future\": {{}}}}",
            PROGRESS_VERSION + 1
        );
        fs::write(store.path(), &newer).unwrap();

        let loaded = store.load().unwrap();
        assert_eq!(loaded.progress, Progress::default());
        match loaded.notice {
            Some(LoadNotice::Newer {
                ref moved_to,
                version,
                supported,
                ..
            }) => {
                assert_eq!(
                    (version, supported),
                    (PROGRESS_VERSION + 1, PROGRESS_VERSION)
                );
                let name = moved_to.file_name().unwrap().to_string_lossy();
                assert!(name.starts_with("progress.json.newer-"), "{name}");
                assert_eq!(fs::read_to_string(moved_to).unwrap(), newer);
            }
            ref other => panic!("expected a newer-version notice, got {other:?}"),
        }
        assert!(
            loaded
                .notice
                .unwrap()
                .to_string()
                .contains("newer selfmark")
        );
    }

    #[cfg(unix)]
    #[test]
    fn failed_write_leaves_the_old_file_intact() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path());
        store
            .record(attempt("1", 1), review(None, 4, t0()))
            .unwrap();
        let before = fs::read(store.path()).unwrap();

        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        // Permissions do not bind root (or some sandboxes): nothing to test there.
        let probe = dir.path().join("probe");
        if File::create(&probe).is_ok() {
            fs::remove_file(&probe).unwrap();
            fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("skipped: this user can write to a read-only folder");
            return;
        }
        let result = store.record(attempt("1", 2), review(None, 4, t0()));
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();

        let err = result.expect_err("writing into a read-only folder fails");
        assert!(matches!(err, ProgressError::Write { .. }), "{err:?}");
        assert!(err.to_string().contains(PROGRESS_FILE), "{err}");
        assert_eq!(fs::read(store.path()).unwrap(), before);
        assert_eq!(store.load().unwrap().progress.attempts.len(), 1);
    }

    #[test]
    fn data_dir_prefers_selfmark_home() {
        assert_eq!(
            data_dir_from(Some(OsString::from("/srv/marks"))),
            PathBuf::from("/srv/marks")
        );
        let fallback = data_dir_from(Some(OsString::new()));
        assert_eq!(fallback, data_dir_from(None));
        assert!(fallback.ends_with("selfmark") || fallback.ends_with(".selfmark"));
    }
}
