//! A folder of answer files. The files are listed in a stable order
//! (names sorted at each level), hidden files and editor backups are
//! left out, and the layout (`<student>/<card>.txt` or
//! `<card>/<student>.txt`) is chosen by which level's names are cards.
//! Files are only read later, by the jobs, in parallel; so are the
//! students' folders listed, once the first of them has settled the
//! layout.
//!
//! Only regular files are read: a FIFO, socket or device in the folder is
//! skipped with its reason, so none can stall the batch. A link is
//! followed only when it leads to somewhere inside the answers folder
//! (unless the teacher asks for every link to be followed), so a link a
//! student hands in can't put another file's text in the report; a link
//! back to a folder above it is a loop, and is skipped. The type of a
//! plain file or folder comes with its name from the listing; only a
//! link costs more system calls, to resolve it.

use super::{Job, Jobs, Source};
use crate::cli::{Failure, Result};
use rayon::prelude::*;
use selfmark::Deck;
use selfmark::class::Warning;
use selfmark::class::layout::{self, Layout};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How deep below the answers folder files are looked for.
const MAX_DEPTH: usize = 6;

/// Where links may lead, the same wherever in the answers folder a walk is.
#[derive(Debug)]
pub struct Bounds {
    /// The answers folder, resolved (its links and `..` taken out).
    root: PathBuf,
    /// Follow every link, wherever it leads (`--follow-links`).
    follow_all: bool,
}

/// Where a student's folder still to be listed really is, and the bounds
/// of its answers folder: what a [`Job::Folder`] carries to the job that
/// lists it.
#[derive(Debug, Clone)]
pub struct Within {
    /// The student's folder, resolved.
    real: PathBuf,
    bounds: Arc<Bounds>,
}

/// What a name listed in a folder is.
enum Kind {
    File,
    /// A folder, with where it really is (resolved).
    Dir(PathBuf),
    /// Something not to read, and why.
    Skip(String),
}

/// A name listed in a folder.
struct Entry {
    name: String,
    path: PathBuf,
    kind: Kind,
}

impl Entry {
    fn is_dir(&self) -> bool {
        matches!(self.kind, Kind::Dir(_))
    }
}

/// What listing found below the answers folder: a file, with its path's
/// names below the root, or something to report and skip (a folder that
/// could not be listed, a FIFO, a link leading outside).
enum Found {
    File { path: PathBuf, names: Vec<String> },
    Skipped { path: PathBuf, why: String },
}

impl Found {
    /// The names of a file's path below the root (none for a skip).
    fn names(&self) -> &[String] {
        match self {
            Found::File { names, .. } => names,
            Found::Skipped { .. } => &[],
        }
    }
}

/// Why a file of this type is not read: "not a regular file (a FIFO)".
fn not_regular(t: std::fs::FileType) -> String {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            " (a FIFO)"
        } else if t.is_socket() {
            " (a socket)"
        } else if t.is_char_device() {
            " (a character device)"
        } else if t.is_block_device() {
            " (a block device)"
        } else {
            ""
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = t;
        ""
    };
    format!("not a regular file{what}; skipped")
}

/// What the link at `path`, in the folder whose resolved path and those
/// above it are `up`, leads to, and whether to follow it.
fn link(path: &Path, up: &[PathBuf], bounds: &Bounds) -> Kind {
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(e) => return Kind::Skip(format!("a link that leads nowhere ({e}); skipped")),
    };
    if !bounds.follow_all && !real.starts_with(&bounds.root) {
        return Kind::Skip(
            "a link leading outside the answers folder; skipped (give --follow-links to read it)"
                .into(),
        );
    }
    match std::fs::metadata(&real) {
        Ok(m) if m.is_dir() => {
            if up.iter().any(|folder| folder.starts_with(&real)) {
                Kind::Skip("a link back to a folder it is in (a loop); skipped".into())
            } else {
                Kind::Dir(real)
            }
        }
        Ok(m) if m.is_file() => Kind::File,
        Ok(m) => Kind::Skip(not_regular(m.file_type())),
        Err(e) => Kind::Skip(format!("a link that leads nowhere ({e}); skipped")),
    }
}

/// The names in `dir`, sorted, leaving out hidden and backup names, each
/// with what it is; `up` are the resolved folders down to `dir`, `dir`
/// last.
fn list(dir: &Path, up: &[PathBuf], bounds: &Bounds) -> std::io::Result<Vec<Entry>> {
    let real = up.last().map_or(dir, PathBuf::as_path);
    let mut entries: Vec<Entry> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if layout::is_ignored(&name) {
                return None;
            }
            let path = e.path();
            // The entry's own type costs no extra system call; only a
            // link is resolved, to see where it leads and to what.
            let kind = match e.file_type() {
                Ok(t) if t.is_file() => Kind::File,
                Ok(t) if t.is_dir() => Kind::Dir(real.join(&name)),
                Ok(t) if t.is_symlink() => link(&path, up, bounds),
                Ok(t) => Kind::Skip(not_regular(t)),
                Err(_) => link(&path, up, bounds),
            };
            Some(Entry { name, path, kind })
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Lists the files below `entries`, the listing ([`list`]) of a folder
/// whose path's names below the root are `names` and whose resolved path
/// and those above it are `up`, in sorted order. Subfolders are listed in
/// parallel when there are several: listing a class's folders is system
/// calls; the order is still the sorted one. A subfolder that can't be
/// listed, and anything not to be read, is found as such, to be reported
/// and skipped.
fn walk(entries: Vec<Entry>, names: &[String], up: &[PathBuf], bounds: &Bounds) -> Vec<Found> {
    let below = |name: String| {
        let mut names = names.to_vec();
        names.push(name);
        names
    };
    let inside = |e: &Entry| match &e.kind {
        Kind::Dir(real) if names.len() + 1 < MAX_DEPTH => {
            let mut up = up.to_vec();
            up.push(real.clone());
            match list(&e.path, &up, bounds) {
                Ok(listed) => walk(listed, &below(e.name.clone()), &up, bounds),
                Err(error) => vec![unlisted(e.path.clone(), &error)],
            }
        }
        _ => Vec::new(),
    };
    let subfolders: Vec<Vec<Found>> = if entries.iter().filter(|e| e.is_dir()).nth(1).is_some() {
        entries.par_iter().map(inside).collect()
    } else {
        entries.iter().map(inside).collect()
    };
    let mut out = Vec::new();
    for (e, inside) in entries.into_iter().zip(subfolders) {
        match e.kind {
            Kind::Dir(_) => out.extend(inside),
            Kind::File => out.push(Found::File {
                path: e.path,
                names: below(e.name),
            }),
            Kind::Skip(why) => out.push(Found::Skipped { path: e.path, why }),
        }
    }
    out
}

/// A folder that could not be listed, found as a skip.
fn unlisted(path: PathBuf, error: &std::io::Error) -> Found {
    Found::Skipped {
        path,
        why: format!("cannot list folder: {error}; the answers in it are not marked"),
    }
}

/// Lists the answers in folder `root`, following every link when
/// `follow_links`, else only those that lead to somewhere inside `root`.
///
/// When no folder at the top names a card, the layout is
/// `<student>/<card>.txt` as soon as one file directly inside a student's
/// folder is named after a card (see [`layout::choose`]), so only the
/// students' folders up to that one are listed here; each later student's
/// folder is listed by the job that marks its answers, on a marking
/// thread, so marking starts at once and the listing is shared out. The
/// jobs come in the same order either way.
pub fn open(root: &Path, deck: &Deck, follow_links: bool) -> Result<Source> {
    let cannot =
        |e: std::io::Error| Failure::input(format!("{}: cannot list folder: {e}", root.display()));
    let bounds = Arc::new(Bounds {
        root: std::fs::canonicalize(root).map_err(cannot)?,
        follow_all: follow_links,
    });
    let up = std::slice::from_ref(&bounds.root);
    let top = list(root, up, &bounds).map_err(cannot)?;
    let found = if top
        .iter()
        .any(|e| e.is_dir() && layout::card_named(&e.name, deck).is_some())
    {
        walk(top, &[], up, &bounds)
    } else {
        match students_first(top, deck, &bounds) {
            Ok(source) => return Ok(source),
            Err(found) => found,
        }
    };
    if found.is_empty() {
        return Err(Failure::input(format!(
            "{}: no answer files found; lay them out as {0}/<student>/<card>.txt or \
{0}/<card>/<student>.txt",
            root.display()
        )));
    }
    let total = found.len() as u64;
    let jobs = jobs_for(found, deck);
    Ok(Source {
        jobs: Jobs::Read(Box::new(jobs.into_iter().map(Ok))),
        total: Some(total),
    })
}

/// The jobs for the files found in an answers folder, in the layout
/// their names show.
fn jobs_for(found: Vec<Found>, deck: &Deck) -> Vec<Job> {
    let mut folders: Vec<&str> = found
        .iter()
        .filter(|f| f.names().len() >= 2)
        .map(|f| f.names()[0].as_str())
        .collect();
    folders.dedup();
    let stems = found
        .iter()
        .filter(|f| f.names().len() == 2)
        .map(|f| layout::stem(&f.names()[1]));
    let chosen = layout::choose(folders, stems, deck);
    found.into_iter().map(|f| job(f, chosen, deck)).collect()
}

/// Whether a file found is directly inside a folder of the answers folder
/// and named after a card: one such file makes the layout
/// `<student>/<card>.txt` when no folder at the top names a card.
fn names_a_card(f: &Found, deck: &Deck) -> bool {
    let names = f.names();
    names.len() == 2 && layout::card_named(layout::stem(&names[1]), deck).is_some()
}

/// The jobs for an answers folder whose top-level names, `top`, name no
/// card folder: the students' folders are listed in order until one holds
/// a file named after a card, which settles the layout; every folder after
/// it becomes a [`Job::Folder`], listed when it is marked. When no folder
/// settles it, everything has been listed and is given back (`Err`) for
/// the layout to be chosen as usual.
fn students_first(
    top: Vec<Entry>,
    deck: &Deck,
    bounds: &Arc<Bounds>,
) -> std::result::Result<Source, Vec<Found>> {
    let up = std::slice::from_ref(&bounds.root);
    let mut found = Vec::new();
    let mut rest = top.into_iter();
    let mut per_folder = None;
    for e in rest.by_ref() {
        // A file at the top names no card by its place, and settles nothing.
        let inside = walk(vec![e], &[], up, bounds);
        let settled = inside.iter().any(|f| names_a_card(f, deck));
        let count = inside.len() as u64;
        found.extend(inside);
        if settled {
            per_folder = Some(count);
            break;
        }
    }
    let Some(per_folder) = per_folder else {
        return Err(found);
    };
    let chosen = Some(Layout::StudentCard);
    let mut total = found.len() as u64;
    let mut jobs: Vec<Job> = found.into_iter().map(|f| job(f, chosen, deck)).collect();
    for e in rest {
        match e.kind {
            Kind::Dir(real) => {
                total += per_folder;
                jobs.push(Job::Folder {
                    path: e.path,
                    student: e.name,
                    expected: per_folder,
                    within: Within {
                        real,
                        bounds: Arc::clone(bounds),
                    },
                });
            }
            _ => {
                total += 1;
                for f in walk(vec![e], &[], up, bounds) {
                    jobs.push(job(f, chosen, deck));
                }
            }
        }
    }
    Ok(Source {
        jobs: Jobs::Read(Box::new(jobs.into_iter().map(Ok))),
        total: Some(total),
    })
}

/// The jobs for the answers in a student's folder, `path`, named
/// `student`, in a folder laid out as `<student>/<card>.txt`: what a
/// [`Job::Folder`] stands for.
pub fn student_folder(path: &Path, student: &str, within: &Within, deck: &Deck) -> Vec<Job> {
    let entry = Entry {
        name: student.to_string(),
        path: path.to_path_buf(),
        kind: Kind::Dir(within.real.clone()),
    };
    let bounds = &within.bounds;
    walk(vec![entry], &[], std::slice::from_ref(&bounds.root), bounds)
        .into_iter()
        .map(|f| job(f, Some(Layout::StudentCard), deck))
        .collect()
}

/// What to do with one file found: whose answer it is and to which card,
/// as far as its path tells.
fn job(f: Found, chosen: Option<Layout>, deck: &Deck) -> Job {
    let (path, names) = match f {
        Found::File { path, names } => (path, names),
        Found::Skipped { path, why } => {
            return Job::Skip(Warning::file(path.display().to_string(), why));
        }
    };
    let file = names.last().map_or("", String::as_str);
    if !layout::is_answer_file(file) {
        return Job::Skip(Warning::file(
            path.display().to_string(),
            "not a .txt or .md file; save answers as plain text",
        ));
    }
    let stem = layout::stem(file).to_string();
    let (student, card_name) = match (names.len(), chosen) {
        (1, _) => (stem.clone(), stem),
        (_, None) | (_, Some(Layout::StudentCard)) => (names[0].clone(), stem),
        (n, Some(Layout::CardStudent)) => (
            if n >= 3 { names[1].clone() } else { stem },
            names[0].clone(),
        ),
    };
    // Below the top, a file names a card by its place only in a layout.
    let card = match (names.len(), chosen) {
        (n, None) if n > 1 => None,
        _ => layout::card_named(&card_name, deck),
    };
    // A file at the top named after a card, with no `Question:` line: the
    // folder given is one student's (`batch answers/alice` holding 1.txt,
    // 3.txt). With one, the file's name is the student's.
    let owner = (names.len() == 1 && card.is_some()).then(|| folder_name(&path));
    Job::File {
        path,
        student,
        card,
        card_name,
        owner,
        listed: true,
    }
}

/// The name of the folder holding `file`, as a student's name.
fn folder_name(file: &Path) -> String {
    let parent = file.parent().unwrap_or(Path::new("."));
    let named = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    named(parent)
        .or_else(|| {
            std::fs::canonicalize(parent)
                .ok()
                .as_deref()
                .and_then(named)
        })
        .unwrap_or_else(|| "student".to_string())
}

/// One answer file that names its card on a `Question:` line (`-`: read
/// from stdin); the student is the file's name without its extension
/// ("stdin" for `-`).
pub fn single(path: &Path) -> Source {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let student = if path == Path::new("-") {
        "stdin".to_string()
    } else {
        layout::stem(&name).to_string()
    };
    let job = Job::File {
        path: path.to_path_buf(),
        card_name: student.clone(),
        student,
        card: None,
        owner: None,
        listed: false,
    };
    Source {
        jobs: Jobs::Read(Box::new(std::iter::once(Ok(job)))),
        total: Some(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use selfmark::builtin;
    use std::fs;

    fn deck() -> Deck {
        Deck::parse(builtin::DECK, builtin::DECK_NAME).unwrap()
    }

    /// A job as text, with each student's folder listed: what it would
    /// mark or skip.
    fn described(jobs: Vec<Job>, deck: &Deck) -> Vec<String> {
        let mut out = Vec::new();
        for job in jobs {
            match job {
                Job::Folder {
                    path,
                    student,
                    within,
                    ..
                } => out.extend(described(
                    student_folder(&path, &student, &within, deck),
                    deck,
                )),
                Job::File {
                    path,
                    student,
                    card,
                    owner,
                    ..
                } => {
                    let owner = owner.map_or(String::new(), |o| format!(" (else {o}'s)"));
                    out.push(format!("{} {student} {card:?}{owner}", path.display()))
                }
                Job::Skip(w) => out.push(format!("skip {w}")),
                Job::Answer { .. } | Job::Line { .. } => unreachable!("not from a folder"),
            }
        }
        out
    }

    /// The bounds of the answers folder `root`, links followed only inside.
    fn bounds(root: &Path) -> Arc<Bounds> {
        Arc::new(Bounds {
            root: fs::canonicalize(root).unwrap(),
            follow_all: false,
        })
    }

    fn write(root: &Path, files: &[&str]) {
        for f in files {
            let path = root.join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "Stalin was General Secretary.").unwrap();
        }
    }

    /// The jobs `open` gives, students' folders listed, and the jobs from
    /// listing everything first.
    fn both_ways(root: &Path) -> (Vec<String>, Vec<String>) {
        let d = deck();
        let source = open(root, &d, false).unwrap();
        let opened: Vec<Job> = source.jobs.map(|j| j.ok().unwrap()).collect();
        let bounds = bounds(root);
        let up = [bounds.root.clone()];
        let all = jobs_for(
            walk(list(root, &up, &bounds).unwrap(), &[], &up, &bounds),
            &d,
        );
        (described(opened, &d), described(all, &d))
    }

    #[test]
    fn students_folders_listed_while_marking_give_the_jobs_listing_all_first_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                // Settles nothing: no file named after a card.
                "aaron/essay.txt",
                "aaron/deeper/2.txt",
                "alone.txt",
                // Settles the layout.
                "bella/1.txt",
                "bella/notes.pdf",
                // Listed while marking.
                "carl/3.txt",
                "carl/.hidden.txt",
                "carl/4.txt~",
                "carl/sub/5.txt",
                "dora/6.md",
                "dora/1.txt",
                "zed.txt",
            ],
        );
        fs::create_dir(root.join("empty")).unwrap();
        let (opened, all) = both_ways(root);
        assert_eq!(opened, all);
        assert_eq!(opened.len(), 10, "{opened:#?}");
        // Only the folders up to bella's are listed before marking.
        let d = deck();
        let source = open(root, &d, false).unwrap();
        let folders = source
            .jobs
            .filter(|j| matches!(j, Ok(Job::Folder { .. })))
            .count();
        assert_eq!(folders, 3, "carl, dora and empty are listed while marking");
        // Found before marking (aaron's two, alone.txt, bella's two),
        // bella's two for each later folder, and zed.txt.
        assert_eq!(source.total, Some(2 + 1 + 2 + 3 * 2 + 1));
    }

    #[test]
    fn a_folder_no_file_of_which_names_a_card_is_listed_whole_first() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &["aaron/essay.txt", "bella/answer.md"]);
        let (opened, all) = both_ways(dir.path());
        assert_eq!(opened, all);
        assert!(opened.iter().all(|j| j.ends_with("None")), "{opened:#?}");
    }

    #[test]
    fn a_students_folder_that_cannot_be_listed_is_skipped_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("carl");
        let within = Within {
            real: gone.clone(),
            bounds: bounds(dir.path()),
        };
        let jobs = student_folder(&gone, "carl", &within, &deck());
        let [Job::Skip(w)] = jobs.as_slice() else {
            panic!("one skip expected");
        };
        assert!(w.error.starts_with("cannot list folder: "), "{w}");
        assert_eq!(w.file.as_deref(), Some(gone.display().to_string().as_str()));
    }

    /// The jobs for folder `root`, links followed as `follow` says.
    #[cfg(unix)]
    fn jobs(root: &Path, follow: bool) -> Vec<String> {
        let d = deck();
        let source = open(root, &d, follow).unwrap();
        described(source.jobs.map(|j| j.ok().unwrap()).collect(), &d)
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_inside_the_folder_and_skipped_outside_it() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("class");
        write(&root, &["alice/1.txt", "bob/1.txt"]);
        write(dir.path(), &["private.txt", "elsewhere/2.txt"]);
        // Inside: a file and a folder the link leads to are read.
        symlink("../alice/1.txt", root.join("bob/2.txt")).unwrap();
        symlink(root.join("alice"), root.join("carl")).unwrap();
        // Outside: a file, a folder, and up out of the folder.
        symlink(dir.path().join("private.txt"), root.join("bob/3.txt")).unwrap();
        symlink("../../elsewhere", root.join("bob/more")).unwrap();
        symlink("../..", root.join("bob/up")).unwrap();
        // Nowhere, and round in a circle.
        symlink("gone.txt", root.join("bob/4.txt")).unwrap();
        symlink("5.txt", root.join("bob/5.txt")).unwrap();
        // Back to a folder above: a loop even when links are followed.
        symlink("..", root.join("alice/again")).unwrap();

        let got = jobs(&root, false);
        let skip = |name: &str, why: &str| {
            got.iter()
                .any(|j| j.starts_with("skip ") && j.contains(name) && j.contains(why))
        };
        assert!(
            got.iter().any(|j| j.ends_with("bob/2.txt bob Some(1)")),
            "{got:#?}"
        );
        assert!(
            got.iter().any(|j| j.ends_with("carl/1.txt carl Some(0)")),
            "{got:#?}"
        );
        assert!(skip("bob/3.txt", "outside the answers folder"), "{got:#?}");
        assert!(skip("bob/more", "outside the answers folder"), "{got:#?}");
        assert!(skip("bob/up", "outside the answers folder"), "{got:#?}");
        assert!(skip("bob/4.txt", "leads nowhere"), "{got:#?}");
        assert!(skip("bob/5.txt", "leads nowhere"), "{got:#?}");
        assert!(skip("alice/again", "(a loop)"), "{got:#?}");
        assert!(
            !got.iter()
                .any(|j| j.contains("private") || j.contains("elsewhere"))
        );

        let followed = jobs(&root, true);
        assert!(
            followed
                .iter()
                .any(|j| j.ends_with("bob/3.txt bob Some(2)")),
            "{followed:#?}"
        );
        assert!(
            followed
                .iter()
                .any(|j| j.ends_with("bob/more/2.txt bob Some(1)")),
            "{followed:#?}"
        );
        assert!(
            followed
                .iter()
                .any(|j| j.contains("bob/up") && j.contains("(a loop)")),
            "{followed:#?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_skipped_with_its_kind() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &["alice/1.txt"]);
        let fifo = dir.path().join("alice/2.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let socket = dir.path().join("alice/3.txt");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let got = jobs(dir.path(), false);
        assert!(
            got.contains(&format!(
                "skip {}: not a regular file (a FIFO); skipped",
                fifo.display()
            )),
            "{got:#?}"
        );
        assert!(
            got.contains(&format!(
                "skip {}: not a regular file (a socket); skipped",
                socket.display()
            )),
            "{got:#?}"
        );
    }
}
