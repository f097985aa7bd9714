//! Reading a key-element model answer, as exam boards and short-answer
//! mark schemes write them: the creditable elements separated by `|`, then
//! the marking rule and what not to accept.
//!
//! ```text
//! Key elements: villi – greatly increase the surface area | thin walls –
//! short diffusion path | … Marking rule: 1 mark for each feature named and
//! described, up to 3. Do not accept 'thin' without walls.
//! ```
//!
//! Each element is a point of its own, marked one a point or by the count
//! the rule gives; the rule and the "do not accept" sentences are the
//! examiner's instructions, never words that earn credit. On a one-mark
//! card the elements are accepted wordings of one answer ("atoms with the
//! same proton number … | atoms of the same element with different numbers
//! of neutrons. 1 mark."), so only the instructions are taken off.

use crate::text::tokenize;

/// A model answer read as key elements and the examiner's instructions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyElements {
    /// The elements, each as written (without "Key elements:"): one a
    /// marking point, its accepted wordings apart by `|` when the mark
    /// scheme puts a "(1)" after each marking point (see [`marking_points`]).
    pub elements: Vec<String>,
    /// The accepted wordings of each element, when its marking point has
    /// more than one; else empty. As long as `elements`.
    pub wordings: Vec<Vec<String>>,
    /// The marking rule and other instructions that followed them.
    pub instructions: String,
}

/// Words that open a sentence of instructions to the examiner rather than
/// an element: "Marking rule: …", "1 mark each", "Do not accept …".
fn instructs(sentence: &str) -> bool {
    let lower = sentence.trim().to_lowercase();
    let words: Vec<String> = tokenize(&lower)
        .tokens
        .iter()
        .map(|t| t.norm().to_string())
        .collect();
    let first = words.first().map(String::as_str);
    matches!(
        first,
        Some(
            "do" | "don't"
                | "dont"
                | "accept"
                | "allow"
                | "reject"
                | "ignore"
                | "max"
                | "maximum"
                | "marking"
                | "award"
                | "credit"
                | "note"
        )
    ) || words
        .iter()
        .take(4)
        .any(|w| matches!(w.as_str(), "mark" | "marks"))
        || speaks_of_marking(&words)
}

/// Whether words speak of how elements are counted rather than name one:
/// "… counts as a described element", "(thin walls count as one
/// element)", "A key element is a feature together with what it does".
fn speaks_of_marking(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| matches!(w.as_str(), "count" | "counts" | "counted"))
        || words
            .windows(2)
            .any(|p| p[0] == "key" && matches!(p[1].as_str(), "element" | "elements"))
}

/// An element without the asides that instruct the examiner ("walls one
/// cell thick (thin alveolar and capillary walls count as one element)"):
/// an aside that names (`ventilation (breathing)`) stays.
fn without_instructing_asides(element: &str) -> String {
    let mut out = String::with_capacity(element.len());
    let mut rest = element;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        let aside = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        if !instructs(aside) {
            out.push_str(&rest[open..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits off, from the last element, the sentences from the first
/// instruction on.
fn split_instructions(last: &str) -> (&str, &str) {
    let toks = tokenize(last);
    for s in 0..toks.sentences.len() {
        let sentence = toks.sentence_text(last, s);
        if instructs(sentence) {
            // Sentence texts are slices of `last`.
            let at = sentence.as_ptr() as usize - last.as_ptr() as usize;
            return (last[..at].trim(), last[at..].trim());
        }
    }
    (last.trim(), "")
}

/// The model answer read as key elements, when it lists two or more
/// separated by `|` on one line. A line of instructions after them is
/// kept as instructions too.
pub fn read(answer: &str) -> Option<KeyElements> {
    let flat = answer.trim();
    if !flat.contains('|') {
        return None;
    }
    let (body, after) = match flat.split_once('\n') {
        Some((first, rest)) if !first.contains('|') => return read_after(first, rest),
        Some((first, rest)) => (first, rest.trim()),
        None => (flat, ""),
    };
    let body = strip_heading(body);
    if let Some(points) = marking_points(body, after) {
        return Some(points);
    }
    let mut parts: Vec<&str> = body.split('|').map(str::trim).collect();
    let last = parts.pop()?;
    let (last, rule) = split_instructions(last);
    parts.push(last);
    let elements: Vec<String> = parts
        .iter()
        .map(|p| wording(p))
        .filter(|p| !p.is_empty())
        .collect();
    if elements.len() < 2 {
        return None;
    }
    let instructions = joined(&[rule, after]);
    Some(KeyElements {
        wordings: vec![Vec::new(); elements.len()],
        elements,
        instructions,
    })
}

/// The pieces of instructions that are not empty, a space apart.
fn joined(pieces: &[&str]) -> String {
    pieces
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The mark that closes a marking point in a mark scheme: "… pop (1)".
const POINT_MARK: &str = "(1)";

/// An element's wording without the examiner's asides, its mark and the
/// trailing punctuation.
fn wording(part: &str) -> String {
    without_instructing_asides(&part.replace(POINT_MARK, " "))
        .trim_end_matches(['.', ';', ',', ' ', '\'', '"', '‘', '“'])
        .to_string()
}

/// A mark scheme that closes each marking point with "(1)" and gives
/// its accepted wordings apart by `|` ("a substance that speeds up … |
/// lowers the activation energy (1) • without being used up | is
/// chemically unchanged (1). Do not accept …"), read as one element a
/// marking point: two wordings of one point earn its mark once. What
/// follows the last "(1)" is instructions. `None` when it has fewer than
/// two marking points.
fn marking_points(body: &str, after: &str) -> Option<KeyElements> {
    let mut segments: Vec<&str> = body.split(POINT_MARK).collect();
    let rest = segments.pop()?.trim();
    if segments.len() < 2 {
        return None;
    }
    let mut elements = Vec::new();
    let mut wordings = Vec::new();
    for segment in segments {
        let segment = segment
            .trim()
            .trim_start_matches(['•', '·', '-', '–', ';', ',', '.', ' ']);
        let alternatives: Vec<String> = segment
            .split('|')
            .map(wording)
            .filter(|w| !w.is_empty())
            .collect();
        let Some(first) = alternatives.first() else {
            continue;
        };
        elements.push(first.clone());
        wordings.push(if alternatives.len() > 1 {
            alternatives
        } else {
            Vec::new()
        });
    }
    if elements.len() < 2 {
        return None;
    }
    let rest = rest.trim_start_matches(['.', ';', ',', ' ']);
    let instructions = joined(&[rest, after]);
    Some(KeyElements {
        elements,
        wordings,
        instructions,
    })
}

/// A first line without `|` (a heading such as "Key elements:") and the
/// elements below it.
fn read_after(first: &str, rest: &str) -> Option<KeyElements> {
    let heading = first.trim().trim_end_matches(':').to_lowercase();
    if !heading.contains("key") && !heading.contains("element") && !heading.contains("point") {
        return None;
    }
    read(rest)
}

/// The element list without a leading "Key elements:" or "Key points:".
fn strip_heading(body: &str) -> &str {
    let t = body.trim();
    if let Some((head, rest)) = t.split_once(':') {
        let h = head.trim().to_lowercase();
        if h.split_whitespace().count() <= 3
            && (h.contains("key") || h.contains("element") || h.contains("point"))
        {
            return rest.trim();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_the_marking_rule_come_apart() {
        let k = read(
            "Key elements: leaves reduced to spines – less water lost | thick waxy cuticle \
             | rounded shape – small surface area to volume ratio. Marking rule: 1 mark for \
             each adaptation named and described, up to 3. An adaptation only named earns no \
             mark.",
        )
        .unwrap();
        assert_eq!(
            k.elements,
            vec![
                "leaves reduced to spines – less water lost",
                "thick waxy cuticle",
                "rounded shape – small surface area to volume ratio"
            ]
        );
        assert!(k.instructions.starts_with("Marking rule: 1 mark for each"));
        assert!(k.instructions.ends_with("earns no mark."));
    }

    #[test]
    fn what_not_to_accept_is_an_instruction() {
        let k = read(
            "high melting point | high density | act as catalysts. 1 mark each, max 2. Do not \
             accept properties all metals share (shiny, malleable).",
        )
        .unwrap();
        assert_eq!(
            k.elements,
            vec!["high melting point", "high density", "act as catalysts"]
        );
        assert!(k.instructions.contains("malleable"));
        let k = read("same protons | different neutrons. Do not accept electrons.").unwrap();
        assert_eq!(k.elements, vec!["same protons", "different neutrons"]);
        assert_eq!(k.instructions, "Do not accept electrons.");
    }

    #[test]
    fn a_heading_line_above_the_elements() {
        let k = read("Key points:\nvilli | microvilli | thin walls\n1 mark each.").unwrap();
        assert_eq!(k.elements, vec!["villi", "microvilli", "thin walls"]);
        assert_eq!(k.instructions, "1 mark each.");
    }

    #[test]
    fn how_elements_are_counted_is_an_instruction() {
        let k = read(
            "very many alveoli – large surface area | walls one cell thick (thin alveolar and \
             capillary walls count as one element) – short diffusion distance | ventilation \
             (breathing) – keeps the gradient steep. 'Large surface area' on its own counts as a \
             described element. Marking rule: 1 mark for each, up to 4.",
        )
        .unwrap();
        assert_eq!(
            k.elements,
            vec![
                "very many alveoli – large surface area",
                "walls one cell thick – short diffusion distance",
                "ventilation (breathing) – keeps the gradient steep"
            ]
        );
        assert!(
            k.instructions.contains("on its own counts") && !k.instructions.contains("steep"),
            "{}",
            k.instructions
        );
        let k = read("villi | lacteals. A key element is a feature with what it does.").unwrap();
        assert_eq!(k.elements, vec!["villi", "lacteals"]);
        // An element may name an element.
        let k = read("atoms of the same element | different numbers of neutrons").unwrap();
        assert_eq!(k.elements[0], "atoms of the same element");
    }

    #[test]
    fn prose_is_not_key_elements() {
        assert_eq!(read("Stalin was General Secretary. He built a base."), None);
        assert_eq!(read("only one | "), None);
        assert_eq!(read("Causes:\nfamine | war"), None);
    }

    #[test]
    fn a_mark_after_each_marking_point_makes_its_wordings_one_element() {
        let k = read(
            "a substance that speeds up / increases the rate of a reaction | lowers the \
             activation energy (1) • without being used up | is chemically unchanged at the \
             end (1). Do not accept 'changes the rate'.",
        )
        .unwrap();
        assert_eq!(
            k.elements,
            vec![
                "a substance that speeds up / increases the rate of a reaction",
                "without being used up"
            ]
        );
        assert_eq!(
            k.wordings,
            vec![
                vec![
                    "a substance that speeds up / increases the rate of a reaction",
                    "lowers the activation energy"
                ],
                vec![
                    "without being used up",
                    "is chemically unchanged at the end"
                ]
            ]
        );
        assert_eq!(k.instructions, "Do not accept 'changes the rate'.");
        // The "(1)" marks are no words of an element.
        assert!(k.elements.iter().all(|e| !e.contains("(1)")));
    }

    #[test]
    fn a_marking_point_of_one_wording_has_no_alternatives() {
        let k = read("hydrogen | H2 (1) • a lighted splint gives a pop (1).").unwrap();
        assert_eq!(k.elements, vec!["hydrogen", "a lighted splint gives a pop"]);
        assert_eq!(k.wordings, vec![vec!["hydrogen", "H2"], Vec::<&str>::new()]);
        assert_eq!(k.instructions, "");
        // One marked point is not a list of marking points.
        let one = read("hydrogen | H2 (1)").unwrap();
        assert_eq!(one.elements, vec!["hydrogen", "H2"]);
    }
}
