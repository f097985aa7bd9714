//! `selfmark rubric test`: marks a teacher-marked set and reports how well
//! the estimates agree (exact, within one, QWK, Pearson r, signed error,
//! confusion matrix), which points fire on low answers or stay silent on
//! high ones, and the worst disagreements with the trace behind each.

use super::input::{Kind, Loaded, display_name, load, read_text_arg};
use super::{Failure, Format, Result, Sources, exit};
use selfmark::agreement::{Agreement, agreement};
use selfmark::report::Status;
use selfmark::text::visible_line;
use serde::{Deserialize, Serialize};
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    sources: Sources,
    /// Teacher-marked answers, one JSON object a line:
    /// {"id", "question", "answer", "mark"}; `-` reads stdin.
    #[arg(value_name = "MARKED.jsonl")]
    input: String,
    /// Exit 1 when the quadratic weighted kappa is below this.
    #[arg(long, value_name = "X")]
    min_qwk: Option<f64>,
    /// How many of the worst disagreements to show.
    #[arg(long, default_value_t = 8)]
    worst: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Deserialize)]
struct Marked {
    #[serde(default)]
    id: Option<serde_json::Value>,
    question: serde_json::Value,
    answer: String,
    mark: u32,
    #[serde(default)]
    kind: Option<String>,
}

/// One marked answer and the estimate.
#[derive(Serialize)]
struct Row {
    id: String,
    card: String,
    kind: Option<String>,
    teacher: u32,
    estimate: u32,
    #[serde(skip)]
    points: Vec<(String, Status)>,
    /// The points credited, with the words that earned them.
    trace: Vec<String>,
}

/// How one point behaved across the set.
#[derive(Serialize)]
struct PointStats {
    card: String,
    point: String,
    /// Answers the teacher marked low (≤ a third of the maximum) where it fired.
    fired_on_low: usize,
    low_answers: usize,
    /// Answers the teacher marked high (≥ five sixths) where it did not fire.
    silent_on_high: usize,
    high_answers: usize,
}

#[derive(Serialize)]
struct Report {
    rubric: String,
    input: String,
    #[serde(flatten)]
    agreement: Agreement,
    points: Vec<PointStats>,
    worst: Vec<Row>,
    skipped: Vec<String>,
}

fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Marks line `n` of the set, or says why it can't be, as `n:column: why`
/// or `n: why` (the file's name goes before it).
fn mark_row(loaded: &Loaded, n: usize, raw: &str) -> std::result::Result<(Row, u32), String> {
    let m: Marked = serde_json::from_str(raw).map_err(|e| {
        let why = e.to_string();
        let why = why
            .rsplit_once(" at line ")
            .map_or(why.as_str(), |(w, _)| w);
        format!("{n}:{}: not a marked answer: {why}", e.column())
    })?;
    let query = text_of(&m.question);
    let (card, rc) = loaded
        .card_in_line(&query)
        .map_err(|why| format!("{n}: {why}"))?;
    let max = loaded.rubric.cards[rc].max;
    if m.mark > max {
        return Err(format!("{n}: mark {} is above the maximum {max}", m.mark));
    }
    let result = loaded.rubric.mark(rc, &m.answer);
    let trace = result
        .made()
        .map(|p| {
            let words = p.evidence.first().map_or("", |e| e.matched.as_str());
            format!("{} {}: \"{words}\"", p.status.as_str(), p.id)
        })
        .chain(
            result
                .misconceptions
                .iter()
                .map(|m| format!("misconception {} cancels {}", m.id, m.point)),
        )
        .collect();
    Ok((
        Row {
            id: m.id.as_ref().map_or_else(|| format!("line {n}"), text_of),
            card: card.id.clone(),
            kind: m.kind,
            teacher: m.mark,
            estimate: result.mark,
            points: result
                .points
                .iter()
                .map(|p| (p.id.clone(), p.status))
                .collect(),
            trace,
        },
        max,
    ))
}

pub fn run(args: Args) -> Result<u8> {
    if let Some(min) = args.min_qwk
        && !(-1.0..=1.0).contains(&min)
    {
        return Err(Failure::input(format!(
            "--min-qwk {min}: a kappa runs from -1 to 1, so no rubric could pass or fail it"
        )));
    }
    let loaded = load(&args.sources)?;
    let text = read_text_arg(&args.input, Kind::MarkedSet)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut max = 0;
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        match mark_row(&loaded, i + 1, raw) {
            Ok((row, m)) => {
                max = max.max(m);
                rows.push(row);
            }
            Err(e) => skipped.push(e),
        }
    }
    let name = display_name(&args.input);
    if rows.is_empty() {
        return Err(Failure::input(format!(
            "{name}: no marked answers to test{}",
            skipped
                .first()
                .map_or(String::new(), |e| format!(" ({name}:{e})"))
        )));
    }
    let pairs: Vec<(u32, u32)> = rows.iter().map(|r| (r.teacher, r.estimate)).collect();
    let agreement = agreement(&pairs, max);
    let points = point_stats(&loaded, &rows);
    rows.sort_by_key(|r| std::cmp::Reverse(r.teacher.abs_diff(r.estimate)));
    let worst: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.teacher != r.estimate)
        .take(args.worst)
        .collect();
    let report = Report {
        rubric: args
            .sources
            .rubric
            .as_ref()
            .map_or_else(|| "built-in".into(), |p| p.display().to_string()),
        input: args.input.clone(),
        agreement,
        points,
        worst,
        skipped,
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let mut json = serde_json::to_value(&report).map_err(Failure::input)?;
            // One answer has no spread to agree over: no kappa, no r.
            if report.agreement.n < 2 {
                json["qwk"] = serde_json::Value::Null;
                json["pearson"] = serde_json::Value::Null;
            }
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).map_err(Failure::input)?
            )?
        }
        Format::Human => write!(out, "{}", human(&report))?,
    }
    for s in &report.skipped {
        eprintln!(
            "selfmark: {}",
            visible_line(&format!("{name}:{s}; skipped"))
        );
    }
    if args.min_qwk.is_some() && report.agreement.n < 2 {
        eprintln!(
            "selfmark: QWK can't be measured on {} answer; --min-qwk needs two or more",
            report.agreement.n
        );
        return Ok(exit::CHECK_FAILED);
    }
    let failed = args.min_qwk.is_some_and(|min| report.agreement.qwk < min);
    if failed {
        eprintln!(
            "selfmark: QWK {:.3} is below --min-qwk {}",
            report.agreement.qwk,
            args.min_qwk.unwrap_or_default()
        );
        return Ok(exit::CHECK_FAILED);
    }
    Ok(if report.skipped.is_empty() {
        exit::OK
    } else {
        exit::SKIPPED
    })
}

fn point_stats(loaded: &Loaded, rows: &[Row]) -> Vec<PointStats> {
    let mut stats = Vec::new();
    for c in &loaded.rubric.cards {
        let (low, high) = (c.max / 3, (c.max * 5).div_ceil(6));
        let on_card: Vec<&Row> = rows.iter().filter(|r| r.card == c.card).collect();
        for p in &c.points {
            let fired = |r: &Row| {
                r.points
                    .iter()
                    .any(|(id, s)| *id == p.id && *s != Status::Missing)
            };
            let lows: Vec<&&Row> = on_card.iter().filter(|r| r.teacher <= low).collect();
            let highs: Vec<&&Row> = on_card.iter().filter(|r| r.teacher >= high).collect();
            stats.push(PointStats {
                card: c.card.clone(),
                point: p.id.clone(),
                fired_on_low: lows.iter().filter(|r| fired(r)).count(),
                low_answers: lows.len(),
                silent_on_high: highs.iter().filter(|r| !fired(r)).count(),
                high_answers: highs.len(),
            });
        }
    }
    stats
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn human(r: &Report) -> String {
    use std::fmt::Write as _;
    let v = |s: &str| visible_line(s).into_owned();
    let a = &r.agreement;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "rubric test: {} against the {} rubric",
        v(&r.input),
        v(&r.rubric)
    );
    let _ = writeln!(o, "  answers marked     {}", a.n);
    let _ = writeln!(o, "  exact agreement    {}", pct(a.exact));
    let _ = writeln!(o, "  within one mark    {}", pct(a.within_one));
    // One answer has no spread to agree over.
    let measure = |x: f64| {
        if a.n < 2 {
            "n/a (one answer)".to_string()
        } else {
            format!("{x:.3}")
        }
    };
    let _ = writeln!(o, "  quadratic kappa    {}", measure(a.qwk));
    let _ = writeln!(o, "  Pearson r          {}", measure(a.pearson));
    let drift = match a.mean_signed_error {
        e if e >= 0.005 => "over-marks on average",
        e if e <= -0.005 => "under-marks on average",
        _ => "no drift either way",
    };
    let _ = writeln!(
        o,
        "  mean signed error  {:+.2} ({drift})",
        a.mean_signed_error
    );
    let _ = writeln!(o, "\nConfusion (rows: teacher's mark, columns: estimate)");
    let k = a.confusion.len();
    let _ = write!(o, "       ");
    for j in 0..k {
        let _ = write!(o, "{j:>4}");
    }
    let _ = writeln!(o);
    for (i, row) in a.confusion.iter().enumerate() {
        let _ = write!(o, "  {i:>3}  ");
        for n in row {
            let cell = if *n == 0 {
                ".".to_string()
            } else {
                n.to_string()
            };
            let _ = write!(o, "{cell:>4}");
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "\nPoints: fired on answers marked low · silent on answers marked high"
    );
    for p in &r.points {
        if p.fired_on_low == 0 && p.silent_on_high == 0 {
            continue;
        }
        let _ = writeln!(
            o,
            "  card {} {:<28} fired on {}/{} low · silent on {}/{} high",
            v(&p.card),
            v(&p.point),
            p.fired_on_low,
            p.low_answers,
            p.silent_on_high,
            p.high_answers
        );
    }
    if !r.worst.is_empty() {
        let _ = writeln!(o, "\nWorst disagreements");
        for w in &r.worst {
            let kind = w
                .kind
                .as_deref()
                .map_or(String::new(), |k| format!(" [{}]", v(k)));
            let _ = writeln!(
                o,
                "  {} (card {}){kind}: teacher {}, estimate {} ({:+})",
                v(&w.id),
                v(&w.card),
                w.teacher,
                w.estimate,
                i64::from(w.estimate) - i64::from(w.teacher)
            );
            if w.trace.is_empty() {
                let _ = writeln!(o, "      no point credited");
            }
            for t in &w.trace {
                let _ = writeln!(o, "      {}", v(t));
            }
        }
    }
    o
}
