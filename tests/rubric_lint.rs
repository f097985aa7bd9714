//! `selfmark rubric lint` on fresh drafts, through the binary (issue 20: a
//! four-card teacher's deck drafted unedited gave 15 overlap warnings and no
//! word on what to do). A draft of each deck of the new-topics dev set
//! lints with few warnings, each with its fix, in both output formats.

use assert_cmd::Command;
use std::path::Path;

fn selfmark() -> Command {
    Command::cargo_bin("selfmark").expect("binary builds")
}

/// The warnings `rubric lint --format json` gives on a fresh draft of
/// `deck`, after checking that the human output gives each its fix.
fn lint_draft(deck: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("draft.json");
    selfmark()
        .args(["rubric", "derive", deck, "-o"])
        .arg(&rubric)
        .assert()
        .success();
    let json = selfmark()
        .args(["rubric", "lint", "--format", "json"])
        .arg(&rubric)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["file"], rubric.display().to_string());
    let warnings = report["warnings"].as_array().unwrap().clone();
    assert_eq!(
        json.status.code(),
        Some(if warnings.is_empty() { 0 } else { 1 })
    );
    let human = selfmark()
        .args(["rubric", "lint"])
        .arg(&rubric)
        .output()
        .unwrap();
    assert_eq!(human.status.code(), json.status.code());
    let text = String::from_utf8(human.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut told = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.contains(": warning: ") {
            let next = lines.get(i + 1).copied().unwrap_or("");
            assert!(
                next.starts_with("    fix: "),
                "{line}\nis not followed by its fix"
            );
            told += 1;
        }
    }
    assert_eq!(told, warnings.len(), "{text}");
    assert!(text.ends_with(&format!("{} warning(s)\n", warnings.len())));
    warnings
}

/// Each warning names its field, what is wrong and how to fix it.
fn assert_each_has_its_fix(deck: &Path, warnings: &[serde_json::Value]) {
    for w in warnings {
        for key in ["field", "message", "fix"] {
            let text = w[key].as_str().unwrap_or("");
            assert!(
                text.len() > 10,
                "{}: {key} missing in {w:#}",
                deck.display()
            );
        }
        assert!(w["field"].as_str().unwrap().starts_with("cards["), "{w:#}");
    }
}

#[test]
fn a_fresh_draft_of_each_dev_deck_lints_with_few_warnings_each_with_its_fix() {
    // Measured on the draft of each deck (selfmark rubric derive DECK -o
    // R.json; selfmark rubric lint R.json), before issue 20's lint work
    // and after: Germany 1918-23 35 -> 9, the Cold War 1945-49 36 -> 5,
    // biology key elements 25 -> 5, chemistry short answers 8 -> 2.
    for (deck, most) in [
        ("tests/data/new-topics/dev/germany-1918-23.tsv", 10),
        ("tests/data/new-topics/dev/cold-war-1945-49.tsv", 6),
        ("tests/data/new-topics/dev/biology-key-elements.tsv", 6),
        ("tests/data/new-topics/dev/chemistry-short.tsv", 3),
    ] {
        let warnings = lint_draft(deck);
        assert!(
            warnings.len() <= most,
            "{deck}: {} warnings, at most {most} expected: {warnings:#?}",
            warnings.len()
        );
        assert_each_has_its_fix(Path::new(deck), &warnings);
    }
}

#[test]
fn the_built_in_rubric_lints_clean_in_json_too() {
    let out = selfmark()
        .args([
            "rubric",
            "lint",
            "rubrics/stalin-power.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({"file": "rubrics/stalin-power.json", "warnings": []})
    );
}
