//! A folder of answer files. The files are listed in a stable order
//! (names sorted at each level), hidden files and editor backups are
//! left out, and the layout (`<student>/<card>.txt` or
//! `<card>/<student>.txt`) is chosen by which level's names are cards.
//! Files are only read later, by the jobs, in parallel; so are the
//! students' folders listed, once the first of them has settled the
//! layout.

use super::{Job, Jobs, Source};
use crate::cli::{Failure, Result};
use rayon::prelude::*;
use selfmark::Deck;
use selfmark::class::Warning;
use selfmark::class::layout::{self, Layout};
use std::path::{Path, PathBuf};

/// How deep below the answers folder files are looked for.
const MAX_DEPTH: usize = 6;

/// A name listed in a folder.
struct Entry {
    name: String,
    path: PathBuf,
    dir: bool,
}

/// What listing found below the answers folder: a file, with its path's
/// names below the root, or a folder that could not be listed.
enum Found {
    File {
        path: PathBuf,
        names: Vec<String>,
    },
    Unlisted {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Found {
    /// The names of a file's path below the root (none for a folder that
    /// could not be listed).
    fn names(&self) -> &[String] {
        match self {
            Found::File { names, .. } => names,
            Found::Unlisted { .. } => &[],
        }
    }
}

/// The names in `dir`, sorted, leaving out hidden and backup names, each
/// with whether it is a folder.
fn list(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| {
            let path = e.path();
            // The entry's own type costs no extra system call; only a
            // symbolic link is followed to see what it points to.
            let dir = match e.file_type() {
                Ok(t) if t.is_symlink() => path.is_dir(),
                Ok(t) => t.is_dir(),
                Err(_) => path.is_dir(),
            };
            let name = e.file_name().to_string_lossy().into_owned();
            Entry { name, path, dir }
        })
        .filter(|e| !layout::is_ignored(&e.name))
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Lists the files below `entries`, the listing ([`list`]) of a folder
/// whose path's names below the root are `names`, in sorted order.
/// Subfolders are listed in parallel when there are several: listing a
/// class's folders is system calls; the order is still the sorted one. A
/// subfolder that can't be listed is found as such, to be reported and
/// skipped.
fn walk(entries: Vec<Entry>, names: &[String]) -> Vec<Found> {
    let below = |name: String| {
        let mut names = names.to_vec();
        names.push(name);
        names
    };
    let inside = |e: &Entry| match e.dir && names.len() + 1 < MAX_DEPTH {
        true => match list(&e.path) {
            Ok(listed) => walk(listed, &below(e.name.clone())),
            Err(error) => vec![Found::Unlisted {
                path: e.path.clone(),
                error,
            }],
        },
        false => Vec::new(),
    };
    let subfolders: Vec<Vec<Found>> = if entries.iter().filter(|e| e.dir).nth(1).is_some() {
        entries.par_iter().map(inside).collect()
    } else {
        entries.iter().map(inside).collect()
    };
    let mut out = Vec::new();
    for (e, inside) in entries.into_iter().zip(subfolders) {
        if e.dir {
            out.extend(inside);
        } else {
            out.push(Found::File {
                path: e.path,
                names: below(e.name),
            });
        }
    }
    out
}

/// Lists the answers in folder `root`.
///
/// When no folder at the top names a card, the layout is
/// `<student>/<card>.txt` as soon as one file directly inside a student's
/// folder is named after a card (see [`layout::choose`]), so only the
/// students' folders up to that one are listed here; each later student's
/// folder is listed by the job that marks its answers, on a marking
/// thread, so marking starts at once and the listing is shared out. The
/// jobs come in the same order either way.
pub fn open(root: &Path, deck: &Deck) -> Result<Source> {
    let top = list(root)
        .map_err(|e| Failure::input(format!("{}: cannot list folder: {e}", root.display())))?;
    let found = if top
        .iter()
        .any(|e| e.dir && layout::card_named(&e.name, deck).is_some())
    {
        walk(top, &[])
    } else {
        match students_first(top, deck) {
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
fn students_first(top: Vec<Entry>, deck: &Deck) -> std::result::Result<Source, Vec<Found>> {
    let mut found = Vec::new();
    let mut rest = top.into_iter();
    let mut per_folder = None;
    for e in rest.by_ref() {
        if !e.dir {
            found.push(Found::File {
                path: e.path,
                names: vec![e.name],
            });
            continue;
        }
        let inside = walk(vec![e], &[]);
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
        if e.dir {
            total += per_folder;
            jobs.push(Job::Folder {
                path: e.path,
                student: e.name,
                expected: per_folder,
            });
        } else {
            total += 1;
            let f = Found::File {
                path: e.path,
                names: vec![e.name],
            };
            jobs.push(job(f, chosen, deck));
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
pub fn student_folder(path: &Path, student: &str, deck: &Deck) -> Vec<Job> {
    let entry = Entry {
        name: student.to_string(),
        path: path.to_path_buf(),
        dir: true,
    };
    walk(vec![entry], &[])
        .into_iter()
        .map(|f| job(f, Some(Layout::StudentCard), deck))
        .collect()
}

/// What to do with one file found: whose answer it is and to which card,
/// as far as its path tells.
fn job(f: Found, chosen: Option<Layout>, deck: &Deck) -> Job {
    let (path, names) = match f {
        Found::File { path, names } => (path, names),
        Found::Unlisted { path, error } => {
            return Job::Skip(Warning::file(
                path.display().to_string(),
                format!("cannot list folder: {error}; the answers in it are not marked"),
            ));
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
                Job::Folder { path, student, .. } => {
                    out.extend(described(student_folder(&path, &student, deck), deck))
                }
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
        let source = open(root, &d).unwrap();
        let opened: Vec<Job> = source.jobs.map(|j| j.ok().unwrap()).collect();
        let all = jobs_for(walk(list(root).unwrap(), &[]), &d);
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
        let source = open(root, &d).unwrap();
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
        let jobs = student_folder(&gone, "carl", &deck());
        let [Job::Skip(w)] = jobs.as_slice() else {
            panic!("one skip expected");
        };
        assert!(w.error.starts_with("cannot list folder: "), "{w}");
        assert_eq!(w.file.as_deref(), Some(gone.display().to_string().as_str()));
    }
}
