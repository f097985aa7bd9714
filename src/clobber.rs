//! Refusing an output that would destroy an input: `-o` naming an input
//! (by any name: files are compared by device and inode, so a link, a hard
//! link or another spelling of the path is caught too), or a file inside
//! an input folder, where the report would overwrite a student's answer or
//! be read as one next time. The output file need not exist yet: the
//! folders it would be written in are compared, up to the root.

use crate::atomic;
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An output that is, or lies inside, one of the inputs.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Clobber {
    #[error(
        "{}: is the input {} itself; write the output to another file, so the input is kept",
        output.display(),
        input.display()
    )]
    Same { output: PathBuf, input: PathBuf },
    #[error(
        "{}: lies inside the input folder {}; write the output outside it",
        output.display(),
        input.display()
    )]
    Inside { output: PathBuf, input: PathBuf },
}

/// Checks that writing `output` leaves every one of `inputs` (files and
/// folders) as it is. An input that can't be looked at, or that is no
/// file or folder (a terminal, a pipe), is passed over: writing can't
/// destroy it, and reading it says what is wrong with it.
pub fn check(output: &Path, inputs: &[&Path]) -> Result<(), Clobber> {
    let inputs: Vec<(&Path, Id, bool)> = inputs
        .iter()
        .filter_map(|&path| {
            let meta = fs::metadata(path).ok()?;
            if !meta.is_file() && !meta.is_dir() {
                return None;
            }
            Some((path, id(path, &meta)?, meta.is_dir()))
        })
        .collect();
    let clobber = |input: &Path, inside: bool| {
        let (output, input) = (output.to_path_buf(), input.to_path_buf());
        Err(if inside {
            Clobber::Inside { output, input }
        } else {
            Clobber::Same { output, input }
        })
    };
    // The output itself, by whatever name it is given.
    if let Some(out) = fs::metadata(output).ok().and_then(|m| id(output, &m))
        && let Some((input, ..)) = inputs.iter().find(|(_, id, _)| *id == out)
    {
        return clobber(input, false);
    }
    // The folders it would be written in, from the nearest that exists.
    // A handle on an open file (`/dev/stdout`) is written in no folder.
    let Ok(Some(file)) = atomic::resolve(output) else {
        return Ok(());
    };
    let Some(nearest) = file.ancestors().skip(1).find_map(|dir| {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        fs::canonicalize(dir).ok()
    }) else {
        return Ok(());
    };
    for dir in nearest.ancestors() {
        let Some(here) = fs::metadata(dir).ok().and_then(|m| id(dir, &m)) else {
            continue;
        };
        if let Some((input, ..)) = inputs.iter().find(|(_, id, is_dir)| *is_dir && *id == here) {
            return clobber(input, true);
        }
    }
    Ok(())
}

/// What tells one file from another whatever it is called.
#[cfg(unix)]
type Id = (u64, u64);

/// A file's device and inode.
#[cfg(unix)]
fn id(_path: &Path, meta: &Metadata) -> Option<Id> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// What tells one file from another whatever it is called.
#[cfg(not(unix))]
type Id = PathBuf;

/// A file's path with every link and `..` resolved.
#[cfg(not(unix))]
fn id(path: &Path, _meta: &Metadata) -> Option<Id> {
    fs::canonicalize(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_beside_the_inputs_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers");
        fs::create_dir_all(answers.join("alice")).unwrap();
        fs::write(answers.join("alice/1.txt"), "x").unwrap();
        let deck = dir.path().join("deck.txt");
        fs::write(&deck, "x").unwrap();
        for out in ["report.html", "reports/report.html", "answers-report.html"] {
            let out = dir.path().join(out);
            assert_eq!(check(&out, &[&answers, &deck]), Ok(()), "{out:?}");
        }
    }

    #[test]
    fn the_input_itself_is_refused_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let input = dir.path().join("answers.jsonl");
        fs::write(&input, "x").unwrap();
        let hard = dir.path().join("hard.jsonl");
        fs::hard_link(&input, &hard).unwrap();
        for out in [input.clone(), dir.path().join("sub/../answers.jsonl"), hard] {
            let err = check(&out, &[&input]).unwrap_err();
            assert!(matches!(err, Clobber::Same { .. }), "{out:?}: {err}");
            let message = err.to_string();
            assert!(message.contains(&*out.to_string_lossy()), "{message}");
            assert!(message.contains(&*input.to_string_lossy()), "{message}");
        }
    }

    #[test]
    fn a_file_inside_an_input_folder_is_refused_made_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers");
        fs::create_dir_all(answers.join("alice")).unwrap();
        fs::write(answers.join("alice/2.txt"), "x").unwrap();
        for out in [
            "alice/2.txt",
            "report.html",
            "bob/report.html",
            "alice/../new.txt",
        ] {
            let out = answers.join(out);
            let err = check(&out, &[&answers]).unwrap_err();
            assert!(matches!(err, Clobber::Inside { .. }), "{out:?}: {err}");
        }
        let err = check(&answers, &[&answers]).unwrap_err();
        assert!(matches!(err, Clobber::Same { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_judged_by_where_it_leads() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers");
        fs::create_dir_all(&answers).unwrap();
        let into = dir.path().join("into.html");
        std::os::unix::fs::symlink("answers/report.html", &into).unwrap();
        let err = check(&into, &[&answers]).unwrap_err();
        assert!(matches!(err, Clobber::Inside { .. }), "{err}");
        let via = dir.path().join("via");
        std::os::unix::fs::symlink("answers", &via).unwrap();
        let err = check(&via.join("report.html"), &[&answers]).unwrap_err();
        assert!(matches!(err, Clobber::Inside { .. }), "{err}");
    }
}
