//! `selfmark batch` as a teacher meets it: a class's answers laid out as
//! folders or exported from a form, marked into every output format, bad
//! files reported and skipped, and student text that can neither run a
//! formula in a spreadsheet nor a script in the HTML report.

use assert_cmd::Command;
use std::path::Path;

fn selfmark() -> Command {
    let mut cmd = Command::cargo_bin("selfmark").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

const ALICE_1: &str = "Trotsky lost because Stalin was General Secretary. This meant he controlled \
appointments, so he put his own supporters into important party jobs and they voted for him. \
Trotsky was also arrogant and called Stalin a grey blur, so he did not take him seriously until it was too late.";
const BOB_1: &str = "Stalin was General Secretary and Trotsky missed Lenin's funeral.";
const ALICE_3: &str = "The NKVD were feared because they arrested and tortured people, so everyone \
was too scared to speak out. Millions were sent to the Gulag labour camps.";
const CAROL_3: &str = "The NKVD were the secret police.";
const BOB_2: &str = "The purges removed anyone who could challenge Stalin, so people were too frightened to oppose him.";

/// The class as (student, card, answer).
const CLASS: [(&str, &str, &str); 5] = [
    ("alice", "1", ALICE_1),
    ("alice", "3", ALICE_3),
    ("bob", "1", BOB_1),
    ("bob", "2", BOB_2),
    ("carol", "3", CAROL_3),
];

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `answers/<student>/<card>.txt`
fn student_card_folder(root: &Path) {
    for (student, card, text) in CLASS {
        write(&root.join(format!("answers/{student}/{card}.txt")), text);
    }
}

/// `answers/<card>/<student>.txt`
fn card_student_folder(root: &Path) {
    for (student, card, text) in CLASS {
        write(&root.join(format!("answers/{card}/{student}.txt")), text);
    }
}

/// Runs `selfmark batch ARGS` in `dir`; returns exit code, stdout, stderr.
/// A run that hangs is killed after a generous two minutes, with exit
/// code -1, so that a test of something that once hung fails instead.
fn batch(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = selfmark()
        .current_dir(dir)
        .arg("batch")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// (student, card, mark) of each JSONL result, in output order (lines
/// for skipped inputs left out).
fn marks(text: &str) -> Vec<(String, String, u64)> {
    jsonl(text)
        .iter()
        .filter(|v| v.get("error").is_none())
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["question_id"].as_str().unwrap().to_string(),
                v["mark"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v
}

#[test]
fn both_folder_layouts_give_the_same_marks() {
    let a = tempfile::tempdir().unwrap();
    student_card_folder(a.path());
    let b = tempfile::tempdir().unwrap();
    card_student_folder(b.path());
    let (code_a, out_a, err_a) = batch(a.path(), &["answers", "--format", "jsonl"]);
    let (code_b, out_b, _) = batch(b.path(), &["answers", "--format", "jsonl"]);
    assert_eq!((code_a, code_b), (0, 0), "{err_a}");
    let ma = marks(&out_a);
    assert_eq!(ma.len(), 5);
    // Files are read in sorted path order: by student, then by card.
    let order: Vec<(&str, &str)> = ma
        .iter()
        .map(|(s, c, _)| (s.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("alice", "1"),
            ("alice", "3"),
            ("bob", "1"),
            ("bob", "2"),
            ("carol", "3")
        ]
    );
    assert_eq!(sorted(ma), sorted(marks(&out_b)));
}

#[test]
fn both_folder_layouts_give_the_same_html_report() {
    // Read card by card, the answers reach the report out of the order
    // its slips show them (student by student): each slip is still whole,
    // its answers in deck order.
    let a = tempfile::tempdir().unwrap();
    student_card_folder(a.path());
    let b = tempfile::tempdir().unwrap();
    card_student_folder(b.path());
    let (code_a, html_a, err_a) = batch(a.path(), &["answers", "--format", "html"]);
    let (code_b, html_b, err_b) = batch(
        b.path(),
        &["answers", "--format", "html", "-o", "class.html"],
    );
    assert_eq!((code_a, code_b), (0, 0), "{err_a}{err_b}");
    assert!(html_b.is_empty(), "the report went to the file");
    let from_file = std::fs::read_to_string(b.path().join("class.html")).unwrap();
    assert_eq!(html_a, from_file);
    let slips: Vec<&str> = html_a.split("<section class=\"slip\">").skip(1).collect();
    assert_eq!(slips.len(), 3);
    for (slip, (student, cards)) in slips.iter().zip([
        ("alice", &["1", "3"][..]),
        ("bob", &["1", "2"][..]),
        ("carol", &["3"][..]),
    ]) {
        assert!(slip.starts_with(&format!("\n<h2>{student}</h2>")), "{slip}");
        let shown: Vec<&str> = slip
            .split("<h3>Card ")
            .skip(1)
            .map(|s| s.split(':').next().unwrap())
            .collect();
        assert_eq!(shown, cards, "{student}'s answers in deck order");
    }
    // No spool is left beside the report.
    let left: Vec<_> = std::fs::read_dir(b.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "answers")
        .collect();
    assert_eq!(left, ["class.html"]);
}

#[test]
fn the_order_of_results_does_not_depend_on_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    card_student_folder(dir.path());
    let run = |threads: &str| {
        selfmark()
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["batch", "answers", "--format", "jsonl"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("3"));
}

#[test]
fn files_may_name_their_card_on_a_question_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("answers/dana/essay.md"),
        format!(
            "Question: (b) Why did Trotsky lose the leadership struggle with Stalin? [6]\n\n{ALICE_1}\n"
        ),
    );
    write(
        &root.join("answers/erin.txt"),
        format!("Question: 3\n{ALICE_3}"),
    );
    write(&root.join("answers/.hidden.txt"), "Question: 3\nignored");
    write(&root.join("answers/erin.txt~"), "Question: 3\nignored");
    write(&root.join("answers/#erin.txt#"), "Question: 3\nignored");
    let (code, out, err) = batch(root, &["answers", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let m = marks(&out);
    assert_eq!(m.len(), 2, "{out}");
    assert_eq!((m[0].0.as_str(), m[0].1.as_str()), ("dana", "1"));
    assert_eq!((m[1].0.as_str(), m[1].1.as_str()), ("erin", "3"));
    assert!(m[0].2 >= 4, "a strong answer: {m:?}");
    // A single answer file is an input too.
    let (code, out, _) = batch(root, &["answers/erin.txt", "--format", "jsonl"]);
    assert_eq!(code, 0);
    assert_eq!(marks(&out)[0].1, "3");
}

/// A Google Forms export: timestamp, e-mail and name columns, questions as
/// headers in the form's own wording, a column that is no question.
fn forms_csv(root: &Path) -> std::path::PathBuf {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Timestamp",
        "Email Address",
        "Full name",
        "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]",
        "WHY WERE THE NKVD A FEARED ORGANISATION",
        "How confident do you feel?",
    ])
    .unwrap();
    w.write_record([
        "2025/03/01 10:00:00",
        "alice@school.org",
        "Alice",
        ALICE_1,
        ALICE_3,
        "very",
    ])
    .unwrap();
    w.write_record([
        "2025/03/01 10:05:00",
        "bob@school.org",
        "",
        BOB_1,
        "",
        "not",
    ])
    .unwrap();
    w.write_record([
        "2025/03/01 10:07:00",
        "carol@school.org",
        "Carol",
        "",
        CAROL_3,
        "ok",
    ])
    .unwrap();
    let mut bytes = w.into_inner().unwrap();
    // A row cut short: its cells can't be matched to questions.
    bytes.extend_from_slice(
        b"2025/03/01 10:09:00,dan@school.org,Dan,Stalin was General Secretary\n",
    );
    let path = root.join("forms.csv");
    let mut file = b"\xef\xbb\xbf".to_vec();
    file.extend(bytes);
    write(&path, file);
    path
}

#[test]
fn a_forms_row_with_a_quote_left_open_is_skipped_not_merged_with_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let q = "Why did Trotsky lose the leadership struggle with Stalin?";
    let open = format!(
        "Timestamp,Name,{q}\nt,Al,\"a quote left open Stalin was General Secretary\n\
         t,Bo,Stalin was General Secretary so he appointed supporters\n\
         t,Cy,\"Trotsky was arrogant\"\nt,Di,\"Trotsky missed\nLenin's funeral\"\n"
    );
    // Windows line ends (as Microsoft Forms and Excel save) read the same.
    write(&dir.path().join("crlf.csv"), open.replace('\n', "\r\n"));
    write(&dir.path().join("open.csv"), open);
    let (_, crlf_out, crlf_err) = batch(dir.path(), &["crlf.csv", "--format", "jsonl"]);
    let (code, out, err) = batch(dir.path(), &["open.csv", "--format", "jsonl"]);
    assert_eq!(crlf_err.replace("crlf.csv", "open.csv"), err);
    assert_eq!(crlf_out.replace("crlf.csv", "open.csv"), out);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(
            "open.csv:2: a quoted cell opened on line 2 has text after its closing quote on line 4"
        ),
        "{err}"
    );
    assert!(err.contains("lines 2–4 were read as one row"), "{err}");
    // The rows after it are read as they should be, a quoted answer over
    // two lines among them.
    let marked: Vec<String> = jsonl(&out)
        .iter()
        .filter(|v| v["mark"].is_number())
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(marked, ["Di"]);

    write(
        &dir.path().join("end.csv"),
        format!("Timestamp,Name,{q}\nt,Al,fine\nt,Bo,\"never closed\nt,Cy,swallowed\n"),
    );
    let (code, _, err) = batch(dir.path(), &["end.csv", "--format", "jsonl"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("end.csv:3: a quote opened on line 3 is never closed"),
        "{err}"
    );
}

#[test]
fn a_forms_export_is_matched_by_question_and_student() {
    let dir = tempfile::tempdir().unwrap();
    forms_csv(dir.path());
    let (code, out, err) = batch(dir.path(), &["forms.csv", "--format", "jsonl"]);
    assert_eq!(code, 3, "the short row is skipped: {err}");
    assert!(
        err.contains("forms.csv:1: column 6 (\"How confident do you feel?\") is not a question"),
        "{err}"
    );
    assert!(
        err.contains("forms.csv:5: the row has 4 cells but the header has 6"),
        "{err}"
    );
    let lines = jsonl(&out);
    let ids: Vec<(&str, &str)> = lines
        .iter()
        .map(|v| {
            (
                v["id"].as_str().unwrap(),
                v["question_id"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("Alice", "1"),
            ("Alice", "3"),
            ("bob@school.org", "1"),
            ("bob@school.org", "3"),
            ("Carol", "1"),
            ("Carol", "3"),
            ("Dan", "-"),
        ]
    );
    // A blank cell is an unanswered question: 0, with a note.
    assert_eq!(lines[3]["mark"], 0);
    assert!(lines[3]["note"].is_string(), "{}", lines[3]);
    assert_eq!(lines[6]["line"], 5);
    assert_eq!(lines[6]["file"], "forms.csv");
}

#[test]
fn a_forms_export_without_question_columns_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("f.csv"),
        "Name,Favourite food\nAnn,chips\n",
    );
    let (code, _, err) = batch(dir.path(), &["f.csv"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no column header is a question of the deck"),
        "{err}"
    );
}

#[test]
fn every_output_format_holds_every_mark() {
    let dir = tempfile::tempdir().unwrap();
    student_card_folder(dir.path());
    let (_, jl, _) = batch(dir.path(), &["answers", "--format", "jsonl"]);
    let expected = marks(&jl);

    let (code, json, _) = batch(dir.path(), &["answers", "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for (r, (student, card, mark)) in results.iter().zip(&expected) {
        assert_eq!(r["id"], student.as_str());
        assert_eq!(r["question_id"], card.as_str());
        assert_eq!(r["mark"], *mark);
        assert!(r["points"].as_array().is_some_and(|p| !p.is_empty()));
    }
    assert_eq!(doc["warnings"], serde_json::json!([]));
    assert_eq!(doc["summary"]["marked"], 5);
    assert_eq!(doc["summary"]["students"].as_array().unwrap().len(), 3);

    let (code, csv_text, _) = batch(dir.path(), &["answers", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for (row, (student, card, mark)) in rows.iter().zip(&expected) {
        assert_eq!(
            (&row[0], &row[1], &row[3]),
            (student.as_str(), card.as_str(), mark.to_string().as_str())
        );
    }

    let (code, table, _) = batch(dir.path(), &["answers", "--format", "table"]);
    assert_eq!(code, 0);
    for (student, _, _) in &expected {
        assert!(table.contains(student.as_str()));
    }
    assert!(table.contains("class mean"));

    let (code, html, _) = batch(dir.path(), &["answers", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<section class=\"slip\">").count(), 3);
    assert_eq!(html.matches("<article class=\"answer\">").count(), 5);
    assert_eq!(
        html.matches("<svg").count(),
        4,
        "three cards' distributions and the most-missed chart"
    );
}

#[test]
fn the_table_csv_and_html_are_pinned() {
    let dir = tempfile::tempdir().unwrap();
    student_card_folder(dir.path());
    for (format, name) in [
        ("table", "class_table"),
        ("csv", "class_csv"),
        ("html", "class_html"),
    ] {
        let (code, out, err) = batch(dir.path(), &["answers", "--format", format]);
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(name, out);
    }
}

#[test]
fn student_text_runs_no_script_and_no_formula() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("answers/mallory/1.txt"),
        "<script>alert(1)</script> Stalin was General Secretary so he appointed his supporters.",
    );
    write(
        &root.join("answers/mallory/2.txt"),
        "<img src=x onerror=alert(1)> The purges scared people.",
    );
    write(
        &root.join("answers/=HYPERLINK(\"evil.example\",\"x\")/1.txt"),
        "Stalin was General Secretary so he appointed his supporters.",
    );
    write(
        &root.join("answers/@SUM(1+1)/3.txt"),
        "=HYPERLINK(\"http://evil.example\",\"click\") The NKVD tortured people so everyone was scared.",
    );
    let (code, html, _) = batch(root, &["answers", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(!html.contains("<script"), "no script element at all");
    assert!(!html.contains("<img"), "no image element at all");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("default-src 'none'"),
        "a CSP forbids scripts anyway"
    );
    assert!(!html.contains("<a "), "no link to anywhere");

    let (code, csv_text, _) = batch(root, &["answers", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"evil.example\",\"x\")");
    assert_eq!(&rows[1][0], "'@SUM(1+1)");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }
}

#[test]
fn a_question_headed_answer_is_read_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = selfmark()
        .current_dir(dir.path())
        .args(["batch", "-", "--input-format", "text", "--format", "jsonl"])
        .write_stdin(format!("Question: 1\n{ALICE_1}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let lines = jsonl(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (&lines[0]["id"], &lines[0]["question_id"]),
        (&"stdin".into(), &"1".into())
    );
}

#[test]
fn one_students_folder_given_alone_is_marked_as_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let (code, out, err) = batch(root, &["answers/alice", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<(String, String)> = jsonl(&out)
        .iter()
        .map(|v| (v["id"].to_string(), v["question_id"].to_string()))
        .collect();
    assert_eq!(
        ids,
        [
            ("\"alice\"".to_string(), "\"1\"".to_string()),
            ("\"alice\"".to_string(), "\"3\"".to_string())
        ]
    );
}

#[test]
fn question_files_named_by_number_stay_each_their_own_student() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for n in ["1", "2", "101"] {
        write(
            &root.join(format!("exam/{n}.txt")),
            format!("Question: 1\n{ALICE_1}"),
        );
    }
    let (code, out, err) = batch(root, &["exam", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = jsonl(&out)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["1", "101", "2"]);
}

#[test]
fn a_card_folder_that_names_no_card_is_named_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    card_student_folder(root);
    write(&root.join("answers/9/alice.txt"), ALICE_1);
    let (code, _, err) = batch(root, &["answers", "--format", "jsonl"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("answers/9/alice.txt: the deck has no card 9 (its cards are"),
        "{err}"
    );
}

#[test]
fn bad_files_are_listed_and_skipped_and_the_rest_marked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    write(&root.join("answers/dan/1.txt"), "");
    write(&root.join("answers/dan/2.txt"), b"Stalin\0\x01\x02");
    write(
        &root.join("answers/dan/3.txt"),
        b"The NKVD\nwere caf\xe9 police",
    );
    write(&root.join("answers/dan/4.pdf"), "%PDF-1.4");
    write(
        &root.join("answers/erin/essay.txt"),
        "An answer to no card in particular.",
    );
    write(&root.join("answers/erin/9.txt"), "An answer to card 9.");
    write(&root.join("answers/erin/5.txt"), "word ".repeat(20_001));
    let (code, json, err) = batch(root, &["answers", "--format", "json"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("answers/dan/1.txt: empty file"), "{err}");
    assert!(
        err.contains("answers/dan/2.txt: looks like a binary file"),
        "{err}"
    );
    assert!(
        err.contains("answers/dan/3.txt:2:9: not UTF-8 text"),
        "{err}"
    );
    assert!(
        err.contains("answers/dan/4.pdf: not a .txt or .md file"),
        "{err}"
    );
    assert!(
        err.contains("answers/erin/essay.txt: which card is this?"),
        "{err}"
    );
    assert!(
        err.contains("answers/erin/9.txt: the deck has no card 9 (its cards are 1, 2, 3, 4, 5, 6)"),
        "{err}"
    );
    assert!(
        err.contains("answers/erin/5.txt: 20001 words; selfmark marks answers of up to 20000"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 5);
    let warnings = doc["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 7);
    assert_eq!(warnings[2]["line"], 2);
    assert_eq!(warnings[2]["column"], 9);
    assert_eq!(warnings[2]["id"], "dan");

    let (code, html, _) = batch(root, &["answers", "--format", "html"]);
    assert_eq!(code, 3);
    assert!(html.contains("<h2>Skipped inputs</h2>"));
    assert!(html.contains("answers/dan/3.txt:2:9: not UTF-8 text"));
}

#[test]
fn an_output_file_is_written_whole_in_the_format_its_name_says() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    write(&root.join("out/class.html"), "an older report");
    for name in [
        "out/class.html",
        "out/marks.csv",
        "out/marks.json",
        "out/marks.jsonl",
    ] {
        let (code, stdout, err) = batch(root, &["answers", "-o", name]);
        assert_eq!(code, 0, "{err}");
        assert!(stdout.is_empty());
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        match name.rsplit('.').next().unwrap() {
            "html" => assert!(text.starts_with("<!DOCTYPE html>")),
            "csv" => assert!(text.starts_with("student,card,")),
            "json" => assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok()),
            _ => assert_eq!(jsonl(&text).len(), 5),
        }
    }
    let left: Vec<_> = std::fs::read_dir(root.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn usage_and_rubric_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    let (code, _, err) = batch(root, &["empty"]);
    assert_eq!(code, 2);
    assert!(err.contains("no answer files found"), "{err}");
    write(&root.join("bad-rubric.json"), "{\"cards\": [}");
    student_card_folder(root);
    let (code, _, err) = batch(root, &["answers", "--rubric", "bad-rubric.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad-rubric.json:1:"), "{err}");
    let (code, _, _) = batch(root, &["answers", "--format", "pdf"]);
    assert_eq!(code, 2);
}

#[test]
fn jsonl_input_keeps_its_records_and_skips_lines_that_are_not_utf8() {
    let input = [
        serde_json::json!({"id": "a", "question": "1", "answer": BOB_1})
            .to_string()
            .into_bytes(),
        b"{\"id\": \"b\", \"question\": \"1\", \"answer\": \"caf\xe9\"}".to_vec(),
        serde_json::json!({"id": "c", "question": 3, "answer": CAROL_3})
            .to_string()
            .into_bytes(),
    ]
    .join(&b'\n');
    let out = selfmark()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let lines = jsonl(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[2]["question_id"], "3");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("<stdin>:2:44: not UTF-8"), "{err}");
}

#[test]
fn each_answer_gets_the_same_result_whatever_order_the_batch_is_in() {
    // The held-out set's answers, as JSON Lines, in file order and in
    // several shuffled orders: every answer's whole result is the same.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/holdout-set.jsonl"),
    )
    .unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let results = |order: &[usize]| -> std::collections::BTreeMap<String, String> {
        let input: String = order.iter().map(|&i| format!("{}\n", lines[i])).collect();
        write(&dir.path().join("in.jsonl"), input);
        let (code, out, err) = batch(dir.path(), &["in.jsonl", "--format", "jsonl"]);
        assert_eq!(code, 0, "{err}");
        jsonl(&out)
            .into_iter()
            .map(|v| (v["id"].as_str().unwrap().to_string(), v.to_string()))
            .collect()
    };
    let n = lines.len();
    let forward: Vec<usize> = (0..n).collect();
    let expected = results(&forward);
    assert_eq!(expected.len(), n);
    let reversed: Vec<usize> = (0..n).rev().collect();
    assert_eq!(results(&reversed), expected, "reversed");
    // Deterministic shuffles: i -> (i * k) mod n for k coprime with n.
    for k in [5usize, 7, 11, 13] {
        if (1..=n)
            .filter(|d| n.is_multiple_of(*d) && k.is_multiple_of(*d))
            .count()
            == 1
        {
            let order: Vec<usize> = (0..n).map(|i| i * k % n).collect();
            assert_eq!(results(&order), expected, "shuffle by {k}");
        }
    }
}

#[cfg(unix)]
#[test]
fn output_to_dev_null_writes_through() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    for format in ["jsonl", "csv", "json", "table", "html"] {
        let (code, stdout, err) = batch(root, &["answers", "--format", format, "-o", "/dev/null"]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(stdout.is_empty() && err.is_empty(), "{format}: {err}");
    }
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device(), "/dev/null replaced");
    // A device that can't take the bytes is an error, not a silent loss.
    if Path::new("/dev/full").exists() {
        let (code, _, err) = batch(root, &["answers", "-o", "/dev/full"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("/dev/full: cannot write"), "{err}");
        assert!(err.lines().count() == 1, "{err}");
        let full = std::fs::metadata("/dev/full").unwrap();
        assert!(full.file_type().is_char_device(), "/dev/full replaced");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_dev_stdout_is_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let (_, expected, _) = batch(root, &["answers"]);
    for output in ["/dev/stdout", "-"] {
        let (code, stdout, err) = batch(root, &["answers", "-o", output]);
        assert_eq!((code, err.as_str()), (0, ""), "{output}");
        assert_eq!(stdout, expected, "{output}");
    }
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let fifo = root.join("marks.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // The reader opens the FIFO as the writer does (each waits for the
    // other) and reads to the end, when the writer closes it.
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || tx.send(std::fs::read_to_string(fifo).unwrap()));
    }
    let (code, stdout, err) = batch(root, &["answers", "--format", "jsonl", "-o", "marks.fifo"]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
    // Not a timing: only so that a run that never opened the FIFO fails
    // rather than leaving the reader waiting for ever.
    let read = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("nothing was written into the FIFO");
    assert_eq!(jsonl(&read).len(), CLASS.len());
}

#[cfg(unix)]
#[test]
fn output_through_a_link_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    write(&root.join("shared/marks.jsonl"), "last week's marks\n");
    std::os::unix::fs::symlink("shared/marks.jsonl", root.join("marks.jsonl")).unwrap();
    let (code, _, err) = batch(root, &["answers", "-o", "marks.jsonl"]);
    assert_eq!(code, 0, "{err}");
    let link = std::fs::symlink_metadata(root.join("marks.jsonl")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(root.join("shared/marks.jsonl")).unwrap();
    assert_eq!(jsonl(&text).len(), CLASS.len());
}
/// The class as JSON Lines, in `root/answers.jsonl`.
fn class_jsonl(root: &Path) -> String {
    let text: String = CLASS
        .iter()
        .map(|(student, card, answer)| {
            format!(
                "{}\n",
                serde_json::json!({"id": student, "question": card, "answer": answer})
            )
        })
        .collect();
    write(&root.join("answers.jsonl"), &text);
    text
}

/// Every file under `root`, with its bytes, to show nothing was changed.
fn snapshot(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Runs `batch ARGS` in `root`, which it must refuse with one line naming
/// `output` and `input`, changing no file.
fn refused(root: &Path, args: &[&str], output: &str, input: &str) {
    let before = snapshot(root);
    let (code, stdout, err) = batch(root, args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(stdout.is_empty(), "{args:?}: {stdout}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(
        err.starts_with(&format!("selfmark: {output}: ")) && err.contains(input),
        "{args:?}: {err}"
    );
    assert_eq!(snapshot(root), before, "{args:?} changed a file");
}

#[test]
fn batch_refuses_to_write_over_its_jsonl_input() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    class_jsonl(root);
    refused(
        root,
        &["answers.jsonl", "-o", "answers.jsonl"],
        "answers.jsonl",
        "the input answers.jsonl",
    );
    // However it is named.
    refused(
        root,
        &["answers.jsonl", "-o", "./answers.jsonl"],
        "./answers.jsonl",
        "the input answers.jsonl",
    );
    // Given on stdin.
    let before = snapshot(root);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("selfmark"))
        .current_dir(root)
        .args(["batch", "-", "-o", "answers.jsonl"])
        .stdin(std::fs::File::open(root.join("answers.jsonl")).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("answers.jsonl: is the input /dev/stdin"),
        "{err}"
    );
    assert_eq!(snapshot(root), before);
}

#[test]
fn batch_refuses_to_write_over_its_forms_csv_input() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    forms_csv(root);
    refused(
        root,
        &["forms.csv", "-o", "forms.csv"],
        "forms.csv",
        "the input forms.csv",
    );
}

#[test]
fn batch_refuses_to_write_over_its_deck_or_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("decks/stalin-power.txt"), root.join("deck.txt")).unwrap();
    std::fs::copy(
        repo.join("rubrics/stalin-power.json"),
        root.join("rubric.json"),
    )
    .unwrap();
    let sources = ["--deck", "deck.txt", "--rubric", "rubric.json"];
    for name in ["deck.txt", "rubric.json"] {
        let args: Vec<&str> = ["answers", "-o", name]
            .iter()
            .chain(&sources)
            .copied()
            .collect();
        refused(root, &args, name, &format!("the input {name}"));
    }
}

#[test]
fn output_inside_the_answers_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    for output in [
        "answers/alice/1.txt",
        "answers/report.html",
        "answers/dave/marks.jsonl",
        "answers",
    ] {
        refused(root, &["answers", "-o", output], output, "answers");
    }
    refused(
        root,
        &["answers/alice", "-o", "answers/alice/1.txt"],
        "answers/alice/1.txt",
        "the input folder answers/alice",
    );
    // A link leading into the folder is where it leads.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("answers/bob/1.txt", root.join("marks.jsonl")).unwrap();
        refused(
            root,
            &["answers", "-o", "marks.jsonl"],
            "marks.jsonl",
            "the input folder answers",
        );
    }
}

#[cfg(unix)]
#[test]
fn fifo_in_answers_folder_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let fifo = root.join("answers/bob/3.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let (code, out, err) = batch(root, &["answers", "--format", "jsonl"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("answers/bob/3.txt: not a regular file (a FIFO); skipped"),
        "{err}"
    );
    assert_eq!(marks(&out).len(), 5, "the rest are marked");
}

/// The class with `answers/eve/1.txt` a link to a private file beside
/// the answers folder; gives the private text.
#[cfg(unix)]
fn class_with_a_link_to_a_private_file(root: &Path) -> &'static str {
    const PRIVATE: &str = "Stalin was General Secretary, so he appointed his supporters: Zanzibar.";
    student_card_folder(root);
    write(&root.join("private.txt"), PRIVATE);
    std::fs::create_dir_all(root.join("answers/eve")).unwrap();
    std::os::unix::fs::symlink(root.join("private.txt"), root.join("answers/eve/1.txt")).unwrap();
    PRIVATE
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_answers_folder_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let private = class_with_a_link_to_a_private_file(root);
    // A link that stays inside is followed: bob's answer is carol's too.
    std::os::unix::fs::symlink("../bob/1.txt", root.join("answers/carol/1.txt")).unwrap();
    for format in ["jsonl", "html", "csv", "json", "table"] {
        let (code, out, err) = batch(root, &["answers", "--format", format]);
        assert_eq!(code, 3, "{format}: {err}");
        assert!(
            err.contains(
                "answers/eve/1.txt: a link leading outside the answers folder; skipped \
(give --follow-links to read it)"
            ),
            "{err}"
        );
        assert!(!out.contains("Zanzibar"), "{format}: {out}");
        assert!(private.contains("Zanzibar"));
    }
    let (_, out, _) = batch(root, &["answers", "--format", "jsonl"]);
    let got = marks(&out);
    assert!(
        got.iter().any(|(s, c, _)| s == "carol" && c == "1"),
        "{got:?}"
    );
    assert!(!got.iter().any(|(s, _, _)| s == "eve"), "{got:?}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    std::fs::create_dir_all(root.join("answers/mallory")).unwrap();
    symlink("../..", root.join("answers/mallory/3")).unwrap();
    symlink(".", root.join("answers/mallory/here")).unwrap();
    symlink("../alice", root.join("answers/bob/alice")).unwrap();
    symlink("../bob", root.join("answers/alice/bob")).unwrap();
    symlink("4.txt", root.join("answers/mallory/4.txt")).unwrap();
    for follow in [false, true] {
        let mut args = vec!["answers", "--format", "jsonl"];
        if follow {
            args.push("--follow-links");
        }
        let (code, out, err) = batch(root, &args);
        assert_eq!(code, 3, "--follow-links {follow}: {err}");
        assert!(
            err.contains("answers/mallory/here: a link back to a folder it is in (a loop)"),
            "{err}"
        );
        assert!(
            err.contains("answers/mallory/4.txt: a link that leads nowhere"),
            "{err}"
        );
        assert!(err.contains("answers/mallory/3: a link"), "{err}");
        assert!(
            err.contains("answers/alice/bob/alice: a link back to a folder it is in (a loop)"),
            "{err}"
        );
        // Each answer once, and alice's and bob's once more through the
        // links to each other's folders.
        let got = marks(&out);
        assert_eq!(got.len(), 5 + 2 + 2, "{got:?}");
    }
}

#[cfg(unix)]
#[test]
fn follow_links_flag_reads_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    class_with_a_link_to_a_private_file(root);
    let (code, out, err) = batch(root, &["answers", "--format", "jsonl", "--follow-links"]);
    assert_eq!(code, 0, "{err}");
    let got = marks(&out);
    assert!(
        got.iter().any(|(s, c, _)| s == "eve" && c == "1"),
        "{got:?}"
    );
}

/// `text` as UTF-16, little- or big-endian, with its byte-order mark
/// unless `bom` is false.
fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom
        .then_some(0xfeff_u16)
        .into_iter()
        .chain(text.encode_utf16());
    for unit in units {
        bytes.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_forms_export_prints_no_nul() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let utf8 = std::fs::read(forms_csv(root)).unwrap();
    let text = String::from_utf8(utf8).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let (_, expected, _) = batch(root, &["forms.csv", "--format", "jsonl"]);
    for little in [true, false] {
        write(&root.join("forms16.csv"), utf16(text, little, true));
        let (code, out, err) = batch(root, &["forms16.csv", "--format", "jsonl"]);
        assert_eq!(code, 3, "the short row is skipped: {err}");
        assert!(!err.contains('\0'), "{err:?}");
        assert!(
            err.contains(
                "forms16.csv:1: column 6 (\"How confident do you feel?\") is not a question"
            ),
            "{err}"
        );
        assert_eq!(marks(&out), marks(&expected), "read as the UTF-8 export is");
    }
    // Excel's "Unicode Text": tab-separated UTF-16 in a .txt file.
    let table = format!(
        "Name\t(b) Why did Trotsky lose the leadership struggle with Stalin? [6]\tMood\n\
Alice\t{ALICE_1}\tfine\nBob\t{BOB_1}\tok\n"
    );
    write(&root.join("unicode.txt"), utf16(&table, true, true));
    let (code, out, err) = batch(root, &["unicode.txt", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains('\0'), "{err:?}");
    let got = marks(&out);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("Alice", "1"));
    // With no byte-order mark it can't be read, and says why.
    write(&root.join("bare16.csv"), utf16(text, true, false));
    let (code, _, err) = batch(root, &["bare16.csv", "--format", "jsonl"]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains('\0'), "{err:?}");
    assert!(
        err.contains(
            "bare16.csv: looks like UTF-16 text with no byte-order mark; save the file as UTF-8"
        ),
        "{err}"
    );
}

#[test]
fn utf16_answers_in_a_folder_and_in_json_lines_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let (_, expected, _) = batch(root, &["answers", "--format", "jsonl"]);
    write(
        &root.join("answers/alice/1.txt"),
        utf16(ALICE_1, true, true),
    );
    write(&root.join("answers/bob/2.txt"), utf16(BOB_2, false, true));
    let (code, out, err) = batch(root, &["answers", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, expected);
    // A JSON Lines file saved as UTF-16.
    let line = serde_json::json!({"id": "alice", "question": "1", "answer": ALICE_1});
    write(
        &root.join("class.jsonl"),
        utf16(&format!("{line}\n"), true, true),
    );
    let (code, out, err) = batch(root, &["class.jsonl", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(marks(&out), marks(&expected)[..1]);
}

#[test]
fn escape_in_folder_name_is_neutralised_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    student_card_folder(root);
    let evil = "ev\u{1b}]0;PWNED\u{7}e";
    write(&root.join(format!("answers/{evil}/1.txt")), BOB_1);
    write(&root.join(format!("answers/{evil}/2.txt")), "");
    write(&root.join(format!("answers/{evil}/1.md")), BOB_1);
    let shown = "ev\\u{1b}]0;PWNED\\u{7}e";
    let (code, table, err) = batch(root, &["answers", "--format", "table"]);
    assert_eq!(code, 3, "{err}");
    let obeyed = |s: &str| s.contains(['\u{1b}', '\u{7}']);
    assert!(!obeyed(&err), "{err:?}");
    assert!(
        err.contains(&format!("answers/{shown}/2.txt: empty file")),
        "{err}"
    );
    assert!(
        err.contains(&format!("note: {shown} has more than one answer to card 1")),
        "{err}"
    );
    assert!(!obeyed(&table), "{table:?}");
    assert!(table.contains(shown), "{table}");
    // JSON Lines keep the name exactly.
    let (_, out, _) = batch(root, &["answers", "--format", "jsonl"]);
    assert!(marks(&out).iter().any(|(s, _, _)| s == evil), "{out}");
    // A forms export's header, echoed on stderr.
    let q = "(b) Why did Trotsky lose the leadership struggle with Stalin? [6]";
    write(
        &root.join("forms.csv"),
        format!("Name,{q},Mood\u{1b}[2J\u{7}\nAl,{BOB_1},ok\n"),
    );
    let (code, _, err) = batch(root, &["forms.csv", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert!(!obeyed(&err), "{err:?}");
    assert!(err.contains("column 3 (\"Mood\\u{1b}[2J\\u{7}\")"), "{err}");
}

/// A marked set, with each mark's kind and the marker's note, batch-marks
/// as it is: those fields are allowed and not used.
#[test]
fn a_marked_set_with_notes_batch_marks_as_it_is() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let set = root.join("tests/data/dev-wrong-history.jsonl");
    let (code, out, err) = batch(root, &[set.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 72);
    assert!(lines.iter().all(|l| l["mark"].is_u64()), "{out}");
}
