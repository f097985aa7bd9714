//! A folder of answer files. The files are listed in a stable order
//! (names sorted at each level), hidden files and editor backups are
//! left out, and the layout (`<student>/<card>.txt` or
//! `<card>/<student>.txt`) is chosen by which level's names are cards.
//! Files are only read later, by the jobs, in parallel.

use super::{Job, Source};
use crate::cli::{Failure, Result};
use rayon::prelude::*;
use selfmark::Deck;
use selfmark::class::Warning;
use selfmark::class::layout::{self, Layout};
use std::path::{Path, PathBuf};

/// How deep below the answers folder files are looked for.
const MAX_DEPTH: usize = 6;

/// A file found in the folder, with its path's names below the root.
struct Found {
    path: PathBuf,
    names: Vec<String>,
}

/// Lists the files under `dir` in sorted order, skipping hidden and
/// backup names. `names` are the folders' names from the root down to
/// `dir`. Subfolders are listed in parallel: listing a class's folders is
/// system calls, made before any answer can be marked; the order is still
/// the sorted one.
fn walk(dir: &Path, names: &[String]) -> Result<Vec<Found>> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| Failure::input(format!("{}: cannot list folder: {e}", dir.display())))?;
    let mut entries: Vec<(String, PathBuf, bool)> = read
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
            (e.file_name().to_string_lossy().into_owned(), path, dir)
        })
        .filter(|(name, _, _)| !layout::is_ignored(name))
        .collect();
    entries.sort();
    let below = |name: String| {
        let mut names = names.to_vec();
        names.push(name);
        names
    };
    let subfolders: Vec<Result<Vec<Found>>> = entries
        .par_iter()
        .map(|(name, path, dir)| match dir {
            true if names.len() + 1 < MAX_DEPTH => walk(path, &below(name.clone())),
            _ => Ok(Vec::new()),
        })
        .collect();
    let mut out = Vec::new();
    for ((name, path, dir), inside) in entries.into_iter().zip(subfolders) {
        if dir {
            out.extend(inside?);
        } else {
            out.push(Found {
                path,
                names: below(name),
            });
        }
    }
    Ok(out)
}

/// Lists the answers in folder `root`.
pub fn open(root: &Path, deck: &Deck) -> Result<Source> {
    let found = walk(root, &[])?;
    if found.is_empty() {
        return Err(Failure::input(format!(
            "{}: no answer files found; lay them out as {0}/<student>/<card>.txt or \
{0}/<card>/<student>.txt",
            root.display()
        )));
    }
    let mut folders: Vec<&str> = found
        .iter()
        .filter(|f| f.names.len() >= 2)
        .map(|f| f.names[0].as_str())
        .collect();
    folders.dedup();
    let stems = found
        .iter()
        .filter(|f| f.names.len() == 2)
        .map(|f| layout::stem(&f.names[1]));
    let chosen = layout::choose(folders, stems, deck);
    let total = found.len() as u64;
    let jobs: Vec<Job> = found.into_iter().map(|f| job(f, chosen, deck)).collect();
    Ok(Source {
        jobs: Box::new(jobs.into_iter().map(Ok)),
        total: Some(total),
    })
}

/// What to do with one file found: whose answer it is and to which card,
/// as far as its path tells.
fn job(f: Found, chosen: Option<Layout>, deck: &Deck) -> Job {
    let file = f.names.last().map_or("", String::as_str);
    if !layout::is_answer_file(file) {
        return Job::Skip(Warning::file(
            f.path.display().to_string(),
            "not a .txt or .md file; save answers as plain text",
        ));
    }
    let stem = layout::stem(file).to_string();
    let (student, card) = match (f.names.len(), chosen) {
        (1, _) | (_, None) => (f.names[0].clone(), None),
        (_, Some(Layout::StudentCard)) => (f.names[0].clone(), layout::card_named(&stem, deck)),
        (n, Some(Layout::CardStudent)) => (
            if n >= 3 { f.names[1].clone() } else { stem },
            layout::card_named(&f.names[0], deck),
        ),
    };
    let student = if f.names.len() == 1 {
        layout::stem(&student).to_string()
    } else {
        student
    };
    Job::File {
        path: f.path,
        student,
        card,
    }
}

/// One answer file that names its card on a `Question:` line; the student
/// is the file's name without its extension.
pub fn single(path: &Path) -> Source {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let job = Job::File {
        path: path.to_path_buf(),
        student: layout::stem(&name).to_string(),
        card: None,
    };
    Source {
        jobs: Box::new(std::iter::once(Ok(job))),
        total: Some(1),
    }
}
