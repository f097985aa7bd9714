//! The class report as one self-contained HTML page: a class summary, the
//! mark distribution per card and the most-missed rubric points as inline
//! SVG charts, the inputs that were skipped, then one feedback slip per
//! student (each starts a new page in print). No scripts, fonts or styles
//! are fetched, a Content-Security-Policy forbids them anyway, and all text
//! is escaped ([`super::escape::html`]), so student text can only ever show as text.

use super::escape::html;
use super::{ClassSummary, Marked, Warning, chart};
use std::fmt::Write as _;
use std::io;

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; }
.lede { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.mean td { font-weight: bold; border-top: 2px solid #888; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem; }
figcaption { font-size: 0.85rem; max-width: 260px; }
.warnings li { color: #8a1f11; }
.slip { border-top: 3px solid #3b6ea5; margin-top: 2rem; padding-top: 0.5rem; }
.answer { margin: 1rem 0 1.5rem; }
.answer h3 { font-size: 1rem; margin-bottom: 0.2rem; }
.mark { font-size: 1.1rem; font-weight: bold; margin: 0.2rem 0; }
.descriptor { color: #555; margin: 0 0 0.5rem; }
blockquote { white-space: pre-wrap; background: #f6f6f6; border-left: 4px solid #ccc; margin: 0.5rem 0; padding: 0.5rem 0.8rem; }
h4 { margin: 0.6rem 0 0.2rem; font-size: 0.95rem; }
ul { margin: 0.2rem 0; }
.made q { display: block; font-style: italic; color: #444; }
.tag { font-size: 0.8rem; font-weight: bold; text-transform: uppercase; }
.explained { color: #2e7d32; } .identified { color: #9a6700; } .missing { color: #b3261e; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .slip { break-before: page; border-top: none; margin-top: 0; }
  .answer { break-inside: avoid; }
  figure { break-inside: avoid; }
}
";

/// Renders the report. `answers` may come in any order: students are
/// shown in the summary's order, and each student's answers in deck order.
pub fn render(summary: &ClassSummary, answers: &[Marked], warnings: &[Warning]) -> String {
    let mut page = Vec::with_capacity(16 * 1024 + answers.len() * 4 * 1024);
    let keys: Vec<(&str, usize)> = answers
        .iter()
        .map(|m| (m.student.as_str(), m.card))
        .collect();
    let written = write_page(&mut page, summary, warnings, &keys, |i, out| {
        let m = &answers[i];
        let question = summary
            .cards
            .get(m.card)
            .map_or(m.result.question.as_str(), |c| c.question.as_str());
        io::Write::write_all(out, article(question, m).as_bytes())
    });
    // Writing to a vector never fails, and every piece is UTF-8.
    debug_assert!(written.is_ok());
    String::from_utf8(page).unwrap_or_default()
}

/// Writes the report to `out`, answer by answer, so that a large class
/// need not be held in memory: `answers` gives each answer's student and
/// card, and `article(i, out)` writes answer `i`'s part of its student's
/// slip ([`article`]). Students are shown in the summary's order, and each
/// student's answers in deck order (in the order given, for two answers
/// to one card).
pub fn write_page<W: io::Write>(
    out: &mut W,
    summary: &ClassSummary,
    warnings: &[Warning],
    answers: &[(&str, usize)],
    mut article: impl FnMut(usize, &mut W) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(head(summary, warnings).as_bytes())?;
    let mut order: Vec<usize> = (0..answers.len()).collect();
    order.sort_by_key(|&i| answers[i]);
    let mut by_student = std::collections::HashMap::<&str, Vec<usize>>::new();
    for i in order {
        by_student.entry(answers[i].0).or_default().push(i);
    }
    out.write_all(b"<main>\n<h2>Feedback slips</h2>\n")?;
    for s in summary.students() {
        let Some(list) = by_student.get(s.name.as_str()) else {
            continue;
        };
        writeln!(out, "<section class=\"slip\">\n<h2>{}</h2>", html(&s.name))?;
        for &i in list {
            article(i, out)?;
        }
        out.write_all(b"</section>\n")?;
    }
    out.write_all(b"</main>\n</body>\n</html>\n")
}

/// The page up to the feedback slips: the class summary, the charts and
/// the skipped inputs.
fn head(summary: &ClassSummary, warnings: &[Warning]) -> String {
    let mut o = String::with_capacity(16 * 1024);
    let title = html(&summary.title);
    let students = summary.students();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title} · class report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(
        o,
        "<header>\n<h1>{title}</h1>\n<p class=\"lede\">Class report: {}, {} marked{}.</p>\n</header>",
        super::counted(students.len(), "student"),
        super::counted(summary.marked(), "answer"),
        if warnings.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", warnings.len())
        }
    );
    summary_table(&mut o, summary);
    charts(&mut o, summary);
    if !warnings.is_empty() {
        o.push_str("<section class=\"warnings\">\n<h2>Skipped inputs</h2>\n<ul>\n");
        for w in warnings {
            let _ = writeln!(o, "<li>{}</li>", html(&w.to_string()));
        }
        o.push_str("</ul>\n</section>\n");
    }
    o
}

fn summary_table(o: &mut String, summary: &ClassSummary) {
    let cards = summary.answered_cards();
    let max_total = summary.max_total();
    o.push_str(
        "<section class=\"summary\">\n<h2>Class summary</h2>\n<table>\n<thead><tr><th>Student</th>",
    );
    for &c in &cards {
        let card = &summary.cards[c];
        let _ = write!(
            o,
            "<th title=\"{}\">Card {}</th>",
            html(&card.question),
            html(&card.id)
        );
    }
    let _ = writeln!(o, "<th>Total /{max_total}</th></tr></thead>\n<tbody>");
    let students = summary.students();
    for s in &students {
        let _ = write!(o, "<tr><td>{}</td>", html(&s.name));
        for &c in &cards {
            match s.marks[c] {
                Some(m) => {
                    let _ = write!(o, "<td>{m}</td>");
                }
                None => o.push_str("<td>–</td>"),
            }
        }
        let _ = writeln!(o, "<td>{}</td></tr>", s.total());
    }
    o.push_str("<tr class=\"mean\"><td>Class mean</td>");
    for &c in &cards {
        let card = &summary.cards[c];
        let mean = card
            .mean
            .map_or("–".into(), |m| format!("{m:.1}/{}", card.max));
        let _ = write!(o, "<td>{mean}</td>");
    }
    let mean_total = if students.is_empty() {
        "–".to_string()
    } else {
        let sum: u32 = students.iter().map(|s| s.total()).sum();
        format!("{:.1}", f64::from(sum) / students.len() as f64)
    };
    let _ = writeln!(
        o,
        "<td>{mean_total}</td></tr>\n</tbody>\n</table>\n</section>"
    );
}

fn charts(o: &mut String, summary: &ClassSummary) {
    o.push_str("<section>\n<h2>Marks per card</h2>\n<div class=\"charts\">\n");
    for c in summary.answered_cards() {
        let card = &summary.cards[c];
        let _ = writeln!(
            o,
            "<figure>{}<figcaption><strong>Card {}</strong>: {}<br>{}, mean {:.1}/{}</figcaption></figure>",
            chart::distribution(card),
            html(&card.id),
            html(&card.question),
            super::counted(card.answered, "answer"),
            card.mean.unwrap_or(0.0),
            card.max
        );
    }
    o.push_str("</div>\n</section>\n");
    let missed = summary.most_missed(10);
    o.push_str("<section>\n<h2>Points the class missed most</h2>\n");
    if missed.is_empty() {
        o.push_str("<p>No rubric point was missed.</p>\n");
    } else {
        let ids: Vec<&str> = summary.cards.iter().map(|c| c.id.as_str()).collect();
        let _ = writeln!(
            o,
            "<p class=\"lede\">Share of the answers to each card that missed the point.</p>\n{}",
            chart::most_missed(&missed, &ids)
        );
    }
    o.push_str("</section>\n");
}

/// One answer's part of its student's feedback slip: the card's question
/// (`question`), the mark and level, the answer itself, the points made
/// and missed, corrections and what would reach the next level. Needs
/// nothing but the mark, so a batch renders it on the thread that marked
/// the answer.
pub fn article(question: &str, m: &Marked) -> String {
    let mut o = String::with_capacity(4 * 1024);
    let r = &m.result;
    let _ = writeln!(
        o,
        "<article class=\"answer\">\n<h3>Card {}: {}</h3>",
        html(&r.question_id),
        html(question)
    );
    let level = r.level.map_or(String::new(), |l| format!(" · Level {l}"));
    let _ = writeln!(
        o,
        "<p class=\"mark\">Mark {}/{}{level}</p>\n<p class=\"descriptor\">{}</p>",
        r.mark,
        r.max,
        html(&r.descriptor)
    );
    if let Some(note) = &r.note {
        let _ = writeln!(o, "<p class=\"descriptor\">{}</p>", html(note));
    }
    if let Some(text) = &m.answer {
        let _ = writeln!(o, "<blockquote>{}</blockquote>", html(text.trim()));
    }
    let made: Vec<_> = r.made().collect();
    if !made.is_empty() {
        o.push_str("<h4>Points you made</h4>\n<ul class=\"made\">\n");
        for p in made {
            let status = p.status.as_str();
            let _ = write!(
                o,
                "<li><span class=\"tag {status}\">{status}</span> {}",
                html(&p.label)
            );
            if let Some(e) = p.evidence.first() {
                let _ = write!(o, "<q>{}</q>", html(e.quote.trim()));
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }
    let missed: Vec<_> = r.missed().collect();
    if !missed.is_empty() {
        o.push_str("<h4>Points you missed</h4>\n<ul class=\"missed\">\n");
        for p in missed {
            let _ = write!(
                o,
                "<li><span class=\"tag missing\">missing</span> {}",
                html(&p.label)
            );
            if let Some(h) = &p.hint {
                let _ = write!(o, " — {}", html(h));
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }
    if !r.misconceptions.is_empty() {
        o.push_str("<h4>Corrections</h4>\n<ul>\n");
        for c in &r.misconceptions {
            let _ = writeln!(
                o,
                "<li><q>{}</q> {}</li>",
                html(c.evidence.quote.trim()),
                html(&c.correction)
            );
        }
        o.push_str("</ul>\n");
    }
    if !r.feedback.is_empty() {
        o.push_str("<h4>To reach the next level</h4>\n<ul>\n");
        for f in &r.feedback {
            let _ = writeln!(o, "<li>{}</li>", html(f));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</article>\n");
    o
}
