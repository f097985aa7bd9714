//! Other forms of a key word by English suffix morphology, so that a
//! drafted term accepts "judiciary" for "judicial" and "capitalism" for
//! "capitalist" (answers are matched by Snowball stem, which does not join
//! these), but never a look-alike that merely begins the same way
//! ("francesca" for "france", "middlesex" for "middle", "sanctity" for
//! "sanctions", "courtesy" for "courts", "colonel" for "colonies").
//!
//! A word is parsed into a root and at most one derivational suffix, after
//! taking off an inflection ("colonies" → colony; "leaders" → leader →
//! lead + -er), with the spelling changes English makes at the join (e
//! dropped: "starvation" → starve; y to i: "industrial" → industry;
//! doubled consonants: "stopper" → stop). Two words are forms of one
//! another when they share a root and either one is the other's base
//! ("nation" and "national") or their suffixes are of one family taking
//! the same roots ("capitalist" and "capitalism", "judicial" and
//! "judiciary", "economic" and "economy"). A root is four letters or more
//! and no suffix itself ("ment" is no root of "mention").

use crate::text::english::{UNLISTED_ZIPF, listed, zipf};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Families of suffixes that take the same roots, so that two words
/// built on one root with suffixes of a family are forms of each other
/// even where the root is no word ("judici-al", "judici-ary").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// -ism, -ist, -istic: capitalism, capitalist.
    Ism,
    /// -y, -ic, -ics, -ical, -cy, -tic: economy, economic, economics;
    /// democracy, democratic.
    Ic,
    /// -al, -ial, -ary, -iary: judicial, judiciary.
    Al,
    /// -ion, -ive, -ure and their longer spellings: production,
    /// productive; legislation, legislative, legislature.
    Ion,
    /// -ise, -ize, -isation, -ization: organise, organization.
    Ise,
    /// -ance, -ant: resistance, resistant.
    Ance,
    /// -ence, -ent: violence, violent.
    Ence,
    /// Suffixes with no family: a word with one is a form only of its base.
    None,
}

/// A derivational suffix: its family, whether a word with it is a form of
/// its base word, and the endings a root may have lost to it ("" for
/// none; "y" also turns a root's final i back to y).
struct Suffix {
    text: &'static str,
    family: Family,
    of_base: Base,
    restore: &'static [&'static str],
}

/// Whether a word with a suffix is a form of its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    /// Yes: "national" of "nation".
    Yes,
    /// Only when the base is the commoner word: a verb made with -en is
    /// rarer than its base ("strengthen", "threaten"), while most words
    /// ending so are no such thing ("listen" is no form of "list").
    WhenRarer,
    /// No: the suffix also ends words that are not made from the word
    /// before it ("secretary" is no form of "secret", "economy" of
    /// "econom-"), so it relates words of its family only.
    No,
}

use Base::{No, WhenRarer, Yes};

/// The derivational suffixes, longest first where one ends another. Not
/// -er or -or: an agent is another word ("pointer" is no form of "point",
/// "ruler" of "rule"), and most words ending so are made of no base
/// ("number", "corner", "factor").
const SUFFIXES: &[Suffix] = &[
    suffix("istic", Family::Ism, No, &["", "e"]),
    suffix("ism", Family::Ism, Yes, &["", "e", "y"]),
    suffix("ist", Family::Ism, Yes, &["", "e", "y"]),
    suffix("ically", Family::Ic, Yes, &["", "e", "y"]),
    suffix("ical", Family::Ic, Yes, &["", "e", "y"]),
    suffix("ics", Family::Ic, Yes, &["", "e", "y"]),
    suffix("ic", Family::Ic, Yes, &["", "e", "y"]),
    suffix("tic", Family::Ic, No, &[""]),
    suffix("cy", Family::Ic, No, &[""]),
    suffix("y", Family::Ic, No, &[""]),
    suffix("ionary", Family::Al, Yes, &["ion"]),
    suffix("iary", Family::Al, No, &[""]),
    suffix("ary", Family::Al, No, &[""]),
    suffix("ional", Family::Al, Yes, &["", "e"]),
    suffix("ial", Family::Al, Yes, &["", "e", "y"]),
    suffix("al", Family::Al, Yes, &["", "e", "y"]),
    suffix("isation", Family::Ise, Yes, &["", "y"]),
    suffix("ization", Family::Ise, Yes, &["", "y"]),
    suffix("ise", Family::Ise, Yes, &["", "y"]),
    suffix("ize", Family::Ise, Yes, &["", "y"]),
    suffix("ation", Family::Ion, Yes, &["ate", "e", ""]),
    suffix("ition", Family::Ion, Yes, &["", "e"]),
    suffix("sion", Family::Ion, Yes, &["de"]),
    suffix("tion", Family::Ion, Yes, &["e"]),
    suffix("ion", Family::Ion, Yes, &["", "e"]),
    suffix("ative", Family::Ion, Yes, &["ate", "e", ""]),
    suffix("sive", Family::Ion, Yes, &["d", "de"]),
    suffix("ive", Family::Ion, Yes, &["", "e"]),
    suffix("ure", Family::Ion, Yes, &[""]),
    suffix("ance", Family::Ance, Yes, &["", "e"]),
    suffix("ant", Family::Ance, Yes, &["", "e"]),
    suffix("ence", Family::Ence, Yes, &["", "e"]),
    suffix("ent", Family::Ence, Yes, &["", "e"]),
    suffix("ility", Family::None, Yes, &["le", "ile"]),
    suffix("ity", Family::None, Yes, &["", "e"]),
    suffix("ment", Family::None, Yes, &["", "e"]),
    suffix("ness", Family::None, Yes, &["", "y"]),
    suffix("ship", Family::None, Yes, &[""]),
    suffix("hood", Family::None, Yes, &["", "y"]),
    suffix("dom", Family::None, Yes, &[""]),
    suffix("ful", Family::None, Yes, &["", "y"]),
    suffix("less", Family::None, Yes, &["", "y"]),
    suffix("ious", Family::None, Yes, &["ion", "y"]),
    suffix("ous", Family::None, Yes, &["", "e"]),
    suffix("able", Family::None, Yes, &["", "e", "y", "ate"]),
    suffix("ible", Family::None, Yes, &["", "e"]),
    suffix("ly", Family::None, Yes, &["", "le", "y"]),
    suffix("ian", Family::None, Yes, &["", "ia", "a", "y", "e"]),
    suffix("ean", Family::None, Yes, &["e", "a"]),
    suffix("an", Family::None, Yes, &["a"]),
    suffix("man", Family::None, Yes, &[""]),
    suffix("en", Family::None, WhenRarer, &[""]),
];

const fn suffix(
    text: &'static str,
    family: Family,
    of_base: Base,
    restore: &'static [&'static str],
) -> Suffix {
    Suffix {
        text,
        family,
        of_base,
        restore,
    }
}

/// The shortest root: four letters ("fasc-ism", "rac(e)-ism"), of which
/// three at least are the word's own.
const MIN_ROOT: usize = 4;

/// The shortest base a word with a suffix is a form of: shorter words
/// are mostly ended by the suffix's letters by chance ("portion" is no
/// "port" + -ion, "callous" no "call" + -ous, "typical" no "type" +
/// -ical, "classic" no form of "class", "organise" of "organ").
const MIN_BASE: usize = 6;

/// A word taken apart: a root and the suffix made on it (`None` when the
/// root is the word itself, up to an inflection).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parse {
    root: String,
    suffix: Option<usize>,
    /// Whether the root is a word: the word parsed or a listed word. Only
    /// a word is a base ("partie", read off "parties", is none).
    word: bool,
}

/// The words a word may be an inflection of, itself first: "colonies" →
/// colony, "planned" → plan, "leaders" → leader, "starving" → starve,
/// "congressmen" → congressman. Of the readings of an -ed or -ing (a
/// doubled consonant undone, an e restored, the bare stem) the first
/// listed is taken, if any is ("hopping" → hop, "hoping" → hope,
/// "chasing" → chase, not "chas").
fn lemmas(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut add = |w: String| {
        if w.len() >= 3 && !out.contains(&w) {
            out.push(w);
        }
    };
    if let Some(s) = word.strip_suffix("ies") {
        add(format!("{s}y"));
    } else if let Some(s) = word.strip_suffix("es")
        && (s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
    {
        add(s.to_string());
    }
    if let Some(s) = word.strip_suffix('s')
        && !(s.ends_with('s') || s.ends_with('u') || s.ends_with('i'))
    {
        add(s.to_string());
    }
    if let Some(s) = word.strip_suffix("men") {
        add(format!("{s}man"));
    }
    if let Some(s) = word.strip_suffix("ied") {
        add(format!("{s}y"));
    }
    for ending in ["ed", "ing"] {
        if let Some(s) = word.strip_suffix(ending) {
            let readings: Vec<String> = [
                undoubled(s).map(str::to_string),
                Some(format!("{s}e")),
                Some(s.to_string()),
            ]
            .into_iter()
            .flatten()
            .filter(|w| w.len() >= 3)
            .collect();
            match readings.iter().find(|w| is_listed(w)) {
                Some(first) => add(first.clone()),
                None => readings.into_iter().for_each(&mut add),
            }
        }
    }
    out
}

/// Whether a word is on the word list.
fn is_listed(word: &str) -> bool {
    zipf(word) > UNLISTED_ZIPF
}

/// A root ending in a doubled consonant with one of them taken off
/// ("stopp" → stop), but not a double l or s ("fall", "press").
fn undoubled(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let n = b.len();
    (n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouls".contains(&b[n - 1])).then(|| &s[..n - 1])
}

/// Every way to take `word` apart (see the module's doc).
fn parses(word: &str) -> Vec<Parse> {
    let mut out: Vec<Parse> = Vec::new();
    let mut add = |root: String, suffix: Option<usize>| {
        let is_suffix = SUFFIXES.iter().any(|s| s.text == root);
        if root.len() >= MIN_ROOT && !is_suffix {
            let word = suffix.is_none() && (root == word || is_listed(&root));
            let p = Parse { root, suffix, word };
            if !out.contains(&p) {
                out.push(p);
            }
        }
    };
    for lemma in lemmas(word) {
        add(lemma.clone(), None);
        for (i, s) in SUFFIXES.iter().enumerate() {
            let Some(bare) = lemma.strip_suffix(s.text) else {
                continue;
            };
            if bare.len() < 3 {
                continue;
            }
            for &end in s.restore {
                if end == "y"
                    && let Some(before_i) = bare.strip_suffix('i')
                {
                    add(format!("{before_i}y"), Some(i));
                }
                add(format!("{bare}{end}"), Some(i));
            }
            if let Some(single) = undoubled(bare) {
                add(single.to_string(), Some(i));
            }
        }
    }
    out
}

/// Whether `a` and `b` are forms of one another by some parse of each
/// (see the module's doc).
fn related(a: &str, pa: &[Parse], b: &str, pb: &[Parse]) -> bool {
    pa.iter()
        .any(|x| pb.iter().any(|y| x.root == y.root && joined(x, a, y, b)))
}

/// Whether words `a` and `b`, parsed as `x` and `y` on one root, are
/// forms of one another.
fn joined(x: &Parse, a: &str, y: &Parse, b: &str) -> bool {
    // The word made with a suffix is a form of the other, its base.
    let of_base = |derived: &str, s: usize, base: &Parse, base_word: &str| {
        base.word
            && base.root.len() >= MIN_BASE
            && match SUFFIXES[s].of_base {
                Yes => true,
                WhenRarer => zipf(derived) < zipf(base_word),
                No => false,
            }
    };
    match (x.suffix, y.suffix) {
        (None, None) => x.word && y.word,
        (Some(s), None) => of_base(a, s, y, b),
        (None, Some(s)) => of_base(b, s, x, a),
        (Some(sx), Some(sy)) => {
            let (sx, sy) = (&SUFFIXES[sx], &SUFFIXES[sy]);
            sx.family == sy.family && sx.family != Family::None
        }
    }
}

/// The listed words by each root they parse to, with their parses.
struct Index {
    by_root: HashMap<String, Vec<u32>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_root: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, (w, _)) in listed().iter().enumerate() {
            for p in parses(w) {
                let ids = by_root.entry(p.root).or_default();
                if ids.last() != Some(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
        }
        Index { by_root }
    })
}

/// The listed words that are forms of `word` (itself included when it is
/// listed), with their Zipf frequency, most frequent first.
pub fn forms_of(word: &str) -> Vec<(&'static str, f64)> {
    let own = parses(word);
    let index = index();
    let mut ids: Vec<u32> = own
        .iter()
        .filter_map(|p| index.by_root.get(&p.root))
        .flatten()
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let list = listed();
    ids.into_iter()
        .map(|i| list[i as usize])
        .filter(|(w, _)| related(word, &own, w, &parses(w)))
        .map(|(w, z)| (w, f64::from(z) / 100.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<&'static str> {
        forms_of(word).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn forms_made_by_a_suffix_are_forms() {
        for (word, form) in [
            ("judicial", "judiciary"),
            ("capitalist", "capitalism"),
            ("capitalism", "capitalist"),
            ("communist", "communism"),
            ("imperialism", "imperialist"),
            ("economy", "economic"),
            ("economic", "economics"),
            ("nation", "national"),
            ("industrial", "industry"),
            ("colonies", "colonial"),
            ("colonies", "colonists"),
            ("democracy", "democratic"),
            ("fascism", "fascist"),
            ("racist", "racism"),
            ("threat", "threaten"),
            ("strength", "strengthen"),
            ("leaders", "leadership"),
            ("suspicious", "suspicion"),
            ("production", "productive"),
            ("product", "production"),
            ("starvation", "starve"),
            ("invasion", "invade"),
            ("defensive", "defend"),
            ("russian", "russia"),
            ("america", "american"),
            ("europe", "european"),
            ("chasing", "chase"),
            ("freed", "free"),
            ("organised", "organization"),
            ("colonies", "colonization"),
            ("colonies", "colonized"),
            ("modernise", "modern"),
            ("congress", "congressmen"),
            ("congress", "congressional"),
            ("legislative", "legislature"),
            ("resentment", "resent"),
            ("government", "govern"),
            ("dangerous", "danger"),
            ("popularity", "popular"),
            ("revolutionary", "revolution"),
        ] {
            assert!(
                forms(word).contains(&form),
                "{word} → {form}: {:?}",
                forms(word)
            );
        }
    }

    /// Issue 20: words that only begin alike are no forms of each other.
    #[test]
    fn look_alikes_are_no_forms() {
        for (word, not) in [
            ("france", "francesca"),
            ("france", "francesco"),
            ("middle", "middlesex"),
            ("sanctions", "sanctity"),
            ("courts", "courtesy"),
            ("colonies", "colonel"),
            ("colonies", "colon"),
            ("secret", "secretary"),
            ("secretary", "secret"),
            ("raising", "raisins"),
            ("communism", "community"),
            ("communism", "communication"),
            ("transport", "transparent"),
            ("electricity", "electron"),
            ("organised", "organ"),
            ("organised", "organic"),
            ("realise", "real"),
            ("chasing", "chas"),
            ("earns", "earnest"),
            ("parties", "partial"),
            ("creature", "create"),
            ("pressure", "press"),
            ("realised", "realistic"),
            ("number", "numb"),
            ("corner", "corn"),
            ("currency", "current"),
            ("factories", "factor"),
            ("tension", "tend"),
            ("mention", "ment"),
            ("german", "germ"),
            ("government", "governor"),
            ("point", "pointer"),
            ("portions", "port"),
            ("portions", "pore"),
            ("copy", "copious"),
            ("call", "callous"),
            ("type", "typical"),
            ("class", "classic"),
        ] {
            assert!(
                !forms(word).contains(&not),
                "{word} ↛ {not}: {:?}",
                forms(word)
            );
        }
    }
}
