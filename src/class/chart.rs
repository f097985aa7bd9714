//! Bar charts as inline SVG, for the HTML report: no script, no external
//! file, readable in print. Every label passes through [`super::escape::html`].

use super::escape::html;
use super::{CardSummary, MissedPoint};
use std::fmt::Write as _;

const BAR: &str = "#3b6ea5";
const MISSED: &str = "#c0504d";
const AXIS: &str = "#888";

/// The most characters of a point's label that fit beside its bar.
const LABEL_CHARS: usize = 100;

/// Shortens a label to `max` characters, ending it with "…".
fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The mark distribution of one card: a column per mark from 0 to the
/// maximum, its height the number of answers given that mark.
pub fn distribution(card: &CardSummary) -> String {
    let counts: Vec<usize> = (0..=card.max.max(1) as usize)
        .map(|m| card.distribution.get(m).copied().unwrap_or(0))
        .collect();
    let (width, height, top, bottom, left) = (260.0, 150.0, 18.0, 22.0, 8.0);
    let slot = (width - 2.0 * left) / counts.len() as f64;
    let peak = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot = height - top - bottom;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>Marks on card {}: how many answers got each mark</title>"#,
        html(&card.id)
    );
    let base = height - bottom;
    let _ = write!(
        s,
        r#"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="{AXIS}"/>"#,
        width - left
    );
    for (mark, &n) in counts.iter().enumerate() {
        let x = left + slot * mark as f64;
        let h = plot * n as f64 / peak;
        let cx = x + slot / 2.0;
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{BAR}"><title>mark {mark}: {n}</title></rect>"#,
            x + slot * 0.15,
            base - h,
            slot * 0.7,
        );
        let _ = write!(
            s,
            r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="11">{n}</text><text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{AXIS}">{mark}</text>"#,
            base - h - 4.0,
            base + 15.0,
        );
    }
    s.push_str("</svg>");
    s
}

/// The rubric points the class missed most: a bar per point, its length
/// the share of the card's answers that missed it, labelled with the card
/// and the point.
pub fn most_missed(points: &[MissedPoint], card_ids: &[&str]) -> String {
    let (width, row, left) = (720.0, 38.0, 4.0);
    let height = row * points.len().max(1) as f64 + 6.0;
    let bar_room = width - left - 60.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>Rubric points missed by the largest share of answers</title>"#
    );
    for (i, p) in points.iter().enumerate() {
        let y = row * i as f64;
        let share = p.share();
        let w = (bar_room * share).max(1.0);
        let card = card_ids.get(p.card).copied().unwrap_or("?");
        let _ = write!(
            s,
            r#"<text x="{left}" y="{:.1}" font-size="12">Card {}: {}<title>{}</title></text>"#,
            y + 13.0,
            html(card),
            html(&clip(&p.label, LABEL_CHARS)),
            html(&p.label)
        );
        let _ = write!(
            s,
            r#"<rect x="{left}" y="{:.1}" width="{w:.1}" height="14" fill="{MISSED}"><title>{} of {} missed it</title></rect><text x="{:.1}" y="{:.1}" font-size="12">{:.0}%</text>"#,
            y + 18.0,
            p.missed,
            super::counted(p.answered, "answer"),
            left + w + 6.0,
            y + 30.0,
            share * 100.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        let p = MissedPoint {
            card: 0,
            id: "x".into(),
            label: "<b>bold</b>".into(),
            missed: 1,
            answered: 2,
        };
        let svg = most_missed(&[p], &["<1>"]);
        assert!(svg.contains("Card &lt;1&gt;: &lt;b&gt;bold&lt;/b&gt;"));
        assert!(svg.contains("50%"));
        assert!(!svg.contains("<b>"));
    }
}
