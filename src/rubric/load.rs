//! Reading a rubric file: JSON with errors that give file, line, column
//! and the field path, then checks of what JSON alone can't say (unique
//! ids, a maximum above zero, text where text is required).

use super::{CardRubric, RubricSet, Scheme};
use crate::error::{Location, RubricError};
use std::collections::HashSet;

/// Parses and validates rubric JSON. `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<RubricSet, RubricError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The plain parse is several times faster; the path-tracking one runs
    // only to say where a bad rubric went wrong.
    if let Ok(set) = serde_json::from_str::<RubricSet>(text) {
        validate(&set, file)?;
        return Ok(set);
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let set: RubricSet = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        RubricError::Syntax {
            location: Location {
                file: file.to_string(),
                line: inner.line(),
                column: inner.column(),
            },
            field,
            message: strip_position(&inner.to_string()),
        }
    })?;
    validate(&set, file)?;
    Ok(set)
}

/// serde_json appends " at line L column C" to its messages; the location
/// is reported separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn require(file: &str, field: String, value: &str) -> Result<(), RubricError> {
    if value.trim().is_empty() {
        Err(RubricError::invalid(file, field, "must not be empty"))
    } else {
        Ok(())
    }
}

/// Checks what the JSON schema can't: non-empty texts, unique ids, a
/// positive maximum, at least one point per card.
pub fn validate(set: &RubricSet, file: &str) -> Result<(), RubricError> {
    if set.cards.is_empty() {
        return Err(RubricError::invalid(
            file,
            "cards",
            "the rubric has no cards",
        ));
    }
    let mut cards = HashSet::new();
    for (i, c) in set.cards.iter().enumerate() {
        let f = format!("cards[{i}]");
        require(file, format!("{f}.card"), &c.card)?;
        require(file, format!("{f}.question"), &c.question)?;
        if !cards.insert(c.card.as_str()) {
            return Err(RubricError::invalid(
                file,
                format!("{f}.card"),
                format!("card `{}` has two rubrics", c.card),
            ));
        }
        if c.max == 0 || c.max > 100 {
            return Err(RubricError::invalid(
                file,
                format!("{f}.max"),
                format!("the maximum mark must be between 1 and 100, not {}", c.max),
            ));
        }
        validate_marks(file, &f, c)?;
        if c.points.is_empty() {
            return Err(RubricError::invalid(
                file,
                format!("{f}.points"),
                "a card needs at least one point",
            ));
        }
        let mut ids = HashSet::new();
        for (j, p) in c.points.iter().enumerate() {
            let pf = format!("{f}.points[{j}]");
            require(file, format!("{pf}.id"), &p.id)?;
            require(file, format!("{pf}.label"), &p.label)?;
            require(file, format!("{pf}.hint"), &p.hint)?;
            if !ids.insert(p.id.as_str()) {
                return Err(RubricError::invalid(
                    file,
                    format!("{pf}.id"),
                    format!("point id `{}` is used twice in card `{}`", p.id, c.card),
                ));
            }
        }
        for (j, p) in c.points.iter().enumerate() {
            for (k, other) in p.overlaps.iter().enumerate() {
                let why = if *other == p.id {
                    format!("point `{}` lists itself as overlapping", p.id)
                } else if !ids.contains(other.as_str()) {
                    format!("card `{}` has no point `{other}`", c.card)
                } else {
                    continue;
                };
                return Err(RubricError::invalid(
                    file,
                    format!("{f}.points[{j}].overlaps[{k}]"),
                    why,
                ));
            }
        }
        let mut mids = HashSet::new();
        for (j, m) in c.misconceptions.iter().enumerate() {
            let mf = format!("{f}.misconceptions[{j}]");
            require(file, format!("{mf}.id"), &m.id)?;
            require(file, format!("{mf}.correction"), &m.correction)?;
            if !mids.insert(m.id.as_str()) {
                return Err(RubricError::invalid(
                    file,
                    format!("{mf}.id"),
                    format!("misconception id `{}` is used twice", m.id),
                ));
            }
        }
    }
    Ok(())
}

/// A card's count-to-mark table: only beside `"scheme": "points"`, and
/// sound ([`MarksTable::validate`](super::MarksTable::validate)).
fn validate_marks(file: &str, f: &str, c: &CardRubric) -> Result<(), RubricError> {
    let Some(table) = &c.marks else {
        return Ok(());
    };
    if c.scheme != Scheme::Points {
        return Err(RubricError::invalid(
            file,
            format!("{f}.marks"),
            "a count-to-mark table needs `\"scheme\": \"points\"`; this card is marked by \
             levels of response",
        ));
    }
    table
        .validate(c.max)
        .map_err(|e| RubricError::invalid(file, format!("{f}.marks{}", e.field), e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_line_column_and_field() {
        let text = "{\n  \"cards\": [\n    {\"card\": 1}\n  ]\n}";
        let err = parse(text, "r.json").unwrap_err().to_string();
        assert!(err.starts_with("r.json:3:"), "{err}");
        assert!(err.contains("cards[0].card"), "{err}");
    }

    #[test]
    fn unknown_fields_are_rejected_with_their_path() {
        let text = r#"{"cards": [{"card": "1", "question": "q", "max": 6, "points": [],
            "pointz": []}]}"#;
        let err = parse(text, "r.json").unwrap_err().to_string();
        assert!(err.contains("unknown field `pointz`"), "{err}");
        assert!(err.contains("r.json:2:"), "{err}");
    }

    #[test]
    fn an_overlap_must_name_another_point_of_the_card() {
        let rubric = |overlaps: &str| {
            format!(
                r#"{{"cards": [{{"card": "1", "question": "q", "max": 2, "points": [
                {{"id": "a", "label": "l", "hint": "h", "match": {{"any": ["x"]}},
                  "overlaps": {overlaps}}},
                {{"id": "b", "label": "l", "hint": "h", "match": {{"any": ["y"]}}}}]}}]}}"#
            )
        };
        assert!(parse(&rubric(r#"["b"]"#), "r.json").is_ok());
        let err = parse(&rubric(r#"["b", "c"]"#), "r.json")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cards[0].points[0].overlaps[1]"), "{err}");
        assert!(err.contains("no point `c`"), "{err}");
        let err = parse(&rubric(r#"["a"]"#), "r.json")
            .unwrap_err()
            .to_string();
        assert!(err.contains("lists itself"), "{err}");
    }

    fn card_with_marks(scheme: &str, marks: &str) -> String {
        format!(
            r#"{{"cards": [{{"card": "1", "question": "q", "max": 3, "scheme": "{scheme}",
            "marks": {marks}, "points": [
            {{"id": "a", "label": "l", "hint": "h", "match": {{"any": ["x"]}}}}]}}]}}"#
        )
    }

    #[test]
    fn a_count_to_mark_table_loads_beside_the_points_scheme() {
        let text = card_with_marks(
            "points",
            r#"[{"points": 4, "mark": 3}, {"points": 3, "mark": 2}, {"points": 1, "mark": 1}]"#,
        );
        let set = parse(&text, "r.json").unwrap();
        assert_eq!(set.cards[0].marks.as_ref().unwrap().mark(3), 2);
    }

    #[test]
    fn a_count_to_mark_table_needs_the_points_scheme() {
        let text = card_with_marks("levels", r#"[{"points": 1, "mark": 1}]"#);
        let err = parse(&text, "r.json").unwrap_err().to_string();
        assert!(err.starts_with("r.json: cards[0].marks: "), "{err}");
        assert!(err.contains("needs `\"scheme\": \"points\"`"), "{err}");
    }

    #[test]
    fn a_table_error_names_the_row_and_field() {
        let text = card_with_marks(
            "points",
            r#"[{"points": 4, "mark": 3}, {"points": 3, "mark": 5}]"#,
        );
        let err = parse(&text, "r.json").unwrap_err().to_string();
        assert!(err.contains("cards[0].marks[1].mark: 5 is above"), "{err}");
        let text = card_with_marks(
            "points",
            r#"[{"points": 4, "mark": 1}, {"points": 2, "mark": 2}]"#,
        );
        let err = parse(&text, "r.json").unwrap_err().to_string();
        assert!(err.contains("cards[0].marks[1].mark: "), "{err}");
        assert!(err.contains("more points must earn more marks"), "{err}");
        let err = parse(&card_with_marks("points", "[]"), "r.json")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("cards[0].marks: the table has no rows"),
            "{err}"
        );
        let text = card_with_marks("points", r#"[{"points": 4, "mark": 3, "of": 5}]"#);
        let err = parse(&text, "r.json").unwrap_err().to_string();
        assert!(err.contains("unknown field `of`"), "{err}");
        assert!(err.contains("cards[0].marks[0]"), "{err}");
    }

    #[test]
    fn duplicate_point_ids_are_rejected() {
        let text = r#"{"cards": [{"card": "1", "question": "q", "max": 6, "points": [
            {"id": "a", "label": "l", "hint": "h", "match": {"any": ["x"]}},
            {"id": "a", "label": "l", "hint": "h", "match": {"any": ["y"]}}]}]}"#;
        let err = parse(text, "r.json").unwrap_err().to_string();
        assert!(err.contains("cards[0].points[1].id"), "{err}");
    }
}
