//! Naming a drafted point and telling the student what to write next.
//!
//! A point's **label** names its reason in a few words, as a mark scheme
//! does ("Germany lost 13% of its land", "Stalin controlled
//! appointments"), drawn from the claim of the model answer it credits.
//! The claim is cut into clauses at punctuation and at the words that open
//! one ("because", "while", "which" after a comma, "that" after a verb…);
//! the clause holding most of the claim's rare words ([`weight`]; the
//! question's own words and figures count for less) is kept, a clause
//! giving a consequence, an example or a circumstance ("…, so …",
//! "…, which …", "including …", "when …") counting for less, as the
//! reason is what the label names. A pronoun or a missing subject is
//! filled in from the clause or claim before ("it had to pay reparations"
//! after "Because Germany was blamed" gives "Germany had to pay
//! reparations"); fillers are dropped ("also", "simply", "about" before a
//! figure); and a clause longer than [`MAX_WORDS`] is cut after its
//! subject, verb and object, before the preposition or conjunction that
//! opens a detail ("… in January 1923", "… for generations").
//!
//! A point's **hint** says what to write, never which words earn the
//! point: a student told the key words learns to list them. It is shown
//! beside the label, so it names the reason by the label at most and
//! never quotes the model sentence. On a card marked by levels it asks for
//! the link an explanation needs, to the outcome the question asks about
//! ("Explain how Germany lost 13% of its land, and how that led to anger
//! in Germany"); on a points card it asks what the question or the point's
//! subject asks ("Say what a variable is").
//!
//! All of it is word-level: the function-word and word-frequency lists of
//! [`super::words`], short lists of irregular and common verbs, and a few
//! endings. No parser: a clause it misreads still gives a short label drawn
//! from the claim, which a teacher edits.

use super::words::{UNLISTED_ZIPF, is_stop_word, weight, zipf};
use crate::text::{fold_word, stem};
use std::collections::HashSet;

/// The most words a label keeps, but for one more when that ends it at
/// the end of a phrase.
pub const MAX_WORDS: usize = 7;

/// A word of a claim as written, its surrounding punctuation and quotes
/// trimmed, and folded ([`fold_word`]).
#[derive(Debug, Clone, PartialEq)]
struct Word {
    text: String,
    low: String,
}

impl Word {
    fn new(text: &str) -> Word {
        Word {
            text: text.to_string(),
            low: fold_word(text),
        }
    }

    fn is(&self, words: &[&str]) -> bool {
        words.contains(&self.low.as_str())
    }

    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    fn figure(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '£' | '$' | '€'))
    }
}

/// A clause of a claim: the word that opened it, if one did ("which",
/// "so"), and its words.
#[derive(Debug, Clone, PartialEq)]
struct Clause {
    opener: Option<String>,
    words: Vec<Word>,
}

/// Words that open a clause of their own wherever they stand.
const OPENERS: &[&str] = &[
    "after",
    "although",
    "because",
    "before",
    "but",
    "including",
    "though",
    "unless",
    "until",
    "whereas",
    "while",
    "whilst",
];

/// Words that open a clause of their own after a comma ("…, which …");
/// elsewhere they belong to the clause ("affect who got jobs").
const OPENERS_AFTER_COMMA: &[&str] = &["as", "when", "where", "which", "who", "whom", "whose"];

/// Openers whose clause gives a consequence, an example or a
/// circumstance rather than the reason itself.
const SECONDARY: &[&str] = &[
    "after",
    "although",
    "as",
    "before",
    "including",
    "so",
    "so that",
    "though",
    "unless",
    "until",
    "when",
    "where",
    "whereas",
    "which",
    "while",
    "whilst",
    "who",
    "whom",
    "whose",
];

/// Words that lead into a clause and say nothing of it.
const LEADS: &[&str] = &[
    "also",
    "e.g",
    "eg",
    "especially",
    "i.e",
    "and",
    "because",
    "besides",
    "but",
    "consequently",
    "eventually",
    "finally",
    "firstly",
    "furthermore",
    "hence",
    "however",
    "indeed",
    "instead",
    "lastly",
    "meanwhile",
    "moreover",
    "once",
    "or",
    "overall",
    "secondly",
    "so",
    "then",
    "therefore",
    "thirdly",
    "thus",
    "together",
    "yet",
];

/// Words a label does without wherever they stand.
const FILLERS: &[&str] = &[
    "actually",
    "also",
    "basically",
    "certainly",
    "clearly",
    "completely",
    "entire",
    "especially",
    "even",
    "finally",
    "however",
    "increasingly",
    "indeed",
    "just",
    "largely",
    "mainly",
    "meanwhile",
    "now",
    "obviously",
    "often",
    "partly",
    "quite",
    "really",
    "simply",
    "still",
    "therefore",
    "thus",
    "too",
    "totally",
    "very",
    "whole",
];

/// Words that hedge a figure ("about 13%").
const APPROXIMATELY: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "nearly",
    "roughly",
    "some",
];

/// Pronouns that may stand for a clause's subject.
const PRONOUNS: &[&str] = &["he", "she", "it", "they"];

/// Prepositions.
const PREPOSITIONS: &[&str] = &[
    "about", "across", "against", "along", "as", "at", "between", "by", "during", "for", "from",
    "in", "into", "like", "of", "on", "over", "through", "to", "under", "with", "within",
    "without",
];

/// Words before which a long label may end: prepositions and
/// conjunctions opening a detail.
const ENDS_BEFORE: &[&str] = &[
    "across", "after", "against", "along", "and", "as", "at", "because", "before", "between", "by",
    "during", "for", "from", "in", "into", "on", "or", "over", "since", "so", "than", "that",
    "through", "to", "under", "until", "when", "where", "which", "while", "who", "with", "within",
    "without",
];

/// Words that end a label poorly though they are not function words.
const NO_END: &[&str] = &["being", "having", "made", "make", "got", "get"];

/// Determiners before a noun.
const DETERMINERS: &[&str] = &[
    "a", "all", "an", "her", "his", "its", "many", "most", "our", "several", "some", "the",
    "their", "these", "this", "those",
];

/// Forms of "be", and the auxiliaries.
const BE: &[&str] = &[
    "am", "are", "aren't", "be", "been", "is", "isn't", "was", "wasn't", "were", "weren't",
];
const AUXILIARIES: &[&str] = &[
    "can",
    "can't",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "don't",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "shouldn't",
    "will",
    "won't",
    "would",
    "wouldn't",
];

/// Irregular verbs: base form, past tense, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("choose", "chose", "chosen"),
    ("cost", "cost", "cost"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("forbid", "forbade", "forbidden"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("have", "had", "had"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shoot", "shot", "shot"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("stand", "stood", "stood"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
];

/// Verbs a claim may open with, its subject left to the clause before:
/// "help prevent a return to depression", "make the losers pay".
const BASE_VERBS: &[&str] = &[
    "absorb",
    "allow",
    "avoid",
    "become",
    "begin",
    "bring",
    "build",
    "carry",
    "cause",
    "contain",
    "create",
    "destroy",
    "divide",
    "encourage",
    "ensure",
    "force",
    "gain",
    "get",
    "give",
    "help",
    "increase",
    "invade",
    "join",
    "keep",
    "lead",
    "leave",
    "lose",
    "make",
    "need",
    "pay",
    "persuade",
    "prevent",
    "produce",
    "protect",
    "provide",
    "punish",
    "put",
    "rebuild",
    "reduce",
    "release",
    "remove",
    "secure",
    "show",
    "spread",
    "stop",
    "store",
    "strengthen",
    "take",
    "test",
    "use",
    "want",
    "weaken",
    "win",
    "work",
];

/// Verbs of saying and thinking, whose object is a clause: "believed
/// (that) the army had not been defeated".
const FRAMES: &[&str] = &[
    "announced",
    "argued",
    "assumed",
    "believe",
    "believed",
    "believes",
    "claimed",
    "decided",
    "discovered",
    "fear",
    "feared",
    "fears",
    "feel",
    "feels",
    "felt",
    "hope",
    "hoped",
    "knew",
    "know",
    "learned",
    "learnt",
    "realised",
    "realized",
    "said",
    "showed",
    "suggested",
    "think",
    "thinks",
    "thought",
    "warned",
];

/// Adjectives whose object is a clause: "angry that …", "sure that …".
const ADJ_THAT: &[&str] = &[
    "afraid", "angry", "aware", "certain", "clear", "glad", "known", "sure", "worried",
];

/// Words ending in "-ed" that are not verbs.
const NOT_VERBS: &[&str] = &[
    "bed", "bred", "deed", "hundred", "kindred", "naked", "need", "reed", "sacred", "seed", "shed",
    "speed", "weed", "wicked",
];

/// Verbs in "-ed" that take no object, so "X died in 1945" is not a
/// passive "X (was) tried in 1936".
const INTRANSITIVE: &[&str] = &[
    "acted",
    "agreed",
    "appeared",
    "arrived",
    "belonged",
    "collapsed",
    "competed",
    "continued",
    "depended",
    "died",
    "disagreed",
    "disappeared",
    "emerged",
    "ended",
    "escaped",
    "existed",
    "failed",
    "fled",
    "happened",
    "lived",
    "looked",
    "moved",
    "occurred",
    "reacted",
    "referred",
    "relied",
    "remained",
    "responded",
    "resulted",
    "returned",
    "seemed",
    "stayed",
    "struggled",
    "succeeded",
    "suffered",
    "survived",
    "turned",
    "voted",
    "worked",
];

/// Verbs that double their last consonant before "-ing" though they have
/// more than one syllable.
const DOUBLING: &[&str] = &[
    "admit", "begin", "commit", "compel", "control", "expel", "forget", "occur", "patrol",
    "permit", "prefer", "refer", "regret", "submit", "transfer", "upset",
];

/// Verbs whose object is the outcome itself: "Why did X cause anger?"
/// asks what led to anger.
const CAUSING: &[&str] = &[
    "bring", "cause", "create", "lead", "produce", "provoke", "trigger",
];

const QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»'];

/// Whether a folded word is a past tense or participle.
fn is_past(low: &str) -> bool {
    !low.contains('-')
        && (IRREGULAR
            .iter()
            .any(|&(_, past, part)| low == past || low == part)
            || low.len() >= 4 && low.ends_with("ed") && !NOT_VERBS.contains(&low))
}

/// Whether a folded word is a past participle (of a regular verb, or an
/// irregular one's).
fn is_participle(low: &str) -> bool {
    IRREGULAR.iter().any(|&(_, _, part)| low == part)
        || is_past(low) && !IRREGULAR.iter().any(|&(_, past, _)| low == past)
}

/// Whether `words[i]` is a verb: "be", an auxiliary, or a past tense or
/// participle that does not stand before a noun as an adjective ("the
/// perceived enemies", "and rigged elections").
fn is_verb_in(words: &[Word], i: usize) -> bool {
    let w = &words[i];
    if w.is(BE) || w.is(AUXILIARIES) {
        return true;
    }
    if !is_past(&w.low) {
        return false;
    }
    let Some(before) = i.checked_sub(1).map(|b| &words[b]) else {
        return true;
    };
    let noun_after = words
        .get(i + 1)
        .is_some_and(|n| !n.is(PREPOSITIONS) && !is_stop_word(&n.low));
    !(noun_after
        && (before.is(DETERMINERS)
            || before.is(PREPOSITIONS)
            || before.is(&["and", "or"])
            || before.low.ends_with("'s")))
}

/// Whether `words[i]` belongs to a verb group: a verb, or the word after
/// an auxiliary ("could affect").
fn in_verb_group(words: &[Word], i: usize) -> bool {
    is_verb_in(words, i) || i > 0 && words[i - 1].is(AUXILIARIES) && !is_stop_word(&words[i].low)
}

/// Whether `words[i]` reads as a verb in the present after its subject:
/// a verb's base form ("plants need light") or one in "-s" before its
/// object ("binary search compares the middle item"), not after a
/// determiner or preposition ("the chloroplasts"), nor at the end or
/// before a preposition, where a plural noun stands as often ("fuel
/// shortages", "camps in Siberia").
fn is_present_in(words: &[Word], i: usize) -> bool {
    let w = &words[i];
    let low = w.low.as_str();
    if w.capitalised() || is_stop_word(low) && !w.is(&["uses", "makes", "gets"]) {
        return false;
    }
    // The base forms an "-s" form may have: "gives" → "give", "reaches"
    // → "reach", "carries" → "carry".
    let mut bases: Vec<String> = Vec::new();
    if low.len() >= 4 && !["ss", "us", "is"].iter().any(|e| low.ends_with(e)) {
        if let Some(b) = low.strip_suffix("ies") {
            bases.push(format!("{b}y"));
        }
        if let Some(b) = low.strip_suffix("es") {
            bases.push(b.to_string());
        }
        if let Some(b) = low.strip_suffix('s') {
            bases.push(b.to_string());
        }
    }
    let known = |b: &String| is_base_verb(&Word::new(b));
    let Some(before) = i.checked_sub(1).map(|b| &words[b]) else {
        // A claim opening with a verb, its subject before it: "gives off
        // carbon dioxide".
        return bases.iter().any(known) && words.len() > 1;
    };
    let pronoun = before.is(PRONOUNS);
    let after_subject = pronoun
        || !(before.is(DETERMINERS)
            || before.is(PREPOSITIONS)
            || before.is(&["and", "or", "to"])
            || is_stop_word(&before.low));
    if !after_subject {
        return false;
    }
    if is_base_verb(w) {
        return true;
    }
    let object = pronoun
        || words
            .get(i + 1)
            .is_some_and(|n| !n.is(PREPOSITIONS) && !is_verb_in(words, i + 1));
    object && bases.iter().any(|b| known(b) || zipf(b) > UNLISTED_ZIPF)
}

/// The index of a clause's first verb, if it has one: "be", an
/// auxiliary, a past form or a present one ([`is_present_in`]).
fn verb_at(words: &[Word]) -> Option<usize> {
    (0..words.len()).find(|&i| is_verb_in(words, i) || is_present_in(words, i))
}

/// Whether the verb at `i` may be a passive without its "was" ("told to
/// sign", "tortured"): a participle with no object after it.
fn passive_at(words: &[Word], i: usize) -> bool {
    let w = &words[i];
    is_participle(&w.low)
        && !w.is(INTRANSITIVE)
        && !w.is(FRAMES)
        && words
            .get(i + 1)
            .is_none_or(|n| n.is(PREPOSITIONS) && n.low != "like")
}

/// Whether the verb at `i`, after its subject, is a passive written as in
/// notes, without its "was": "Bukarin tried in 1938", "Trotsky exiled to
/// Siberia", "Individuals perceived as threats", "replaced by Attlee".
fn notes_passive_at(words: &[Word], i: usize) -> bool {
    let w = &words[i];
    let ambiguous = IRREGULAR
        .iter()
        .any(|&(_, past, part)| w.low == past && past == part);
    let (Some(next), after) = (words.get(i + 1), words.get(i + 2)) else {
        return false;
    };
    i > 0
        && passive_at(words, i)
        && !ambiguous
        && (next.is(&["by", "as"])
            || next.is(&["in", "to"]) && after.is_some_and(|a| a.figure() || a.capitalised()))
}

/// The base form of a past tense or participle ("introduced" →
/// "introduce", "stopped" → "stop"): the irregular verb's, else the
/// commonest English word of those it could be.
fn base_of(low: &str) -> Option<String> {
    if let Some(&(base, _, _)) = IRREGULAR
        .iter()
        .find(|&&(_, past, part)| low == past || low == part)
    {
        return Some(base.to_string());
    }
    let bare = low.strip_suffix("ed")?;
    let mut candidates = vec![bare.to_string(), format!("{bare}e")];
    if let Some(y) = bare.strip_suffix('i') {
        candidates.push(format!("{y}y"));
    }
    let mut chars = bare.chars().rev();
    if let (Some(a), Some(b)) = (chars.next(), chars.next())
        && a == b
    {
        candidates.push(bare[..bare.len() - a.len_utf8()].to_string());
    }
    candidates
        .into_iter()
        .filter(|c| zipf(c) > UNLISTED_ZIPF)
        .max_by(|a, b| zipf(a).total_cmp(&zipf(b)))
}

/// The "-ing" form of a verb's base form.
fn gerund(base: &str) -> String {
    let vowel = |c: char| "aeiou".contains(c);
    if base == "be" {
        return "being".into();
    }
    if let Some(stem) = base.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if base.len() > 2 && base.ends_with('e') && !base.ends_with("ee") && !base.ends_with("ye") {
        return format!("{}ing", &base[..base.len() - 1]);
    }
    let chars: Vec<char> = base.chars().collect();
    let n = chars.len();
    let cvc = n >= 3
        && !vowel(chars[n - 1])
        && !"wxy".contains(chars[n - 1])
        && vowel(chars[n - 2])
        && !vowel(chars[n - 3]);
    let syllables = chars
        .windows(2)
        .filter(|w| !vowel(w[0]) && vowel(w[1]))
        .count()
        + usize::from(chars.first().copied().is_some_and(vowel));
    if cvc && (syllables <= 1 || DOUBLING.contains(&base)) {
        return format!("{base}{}ing", chars[n - 1]);
    }
    format!("{base}ing")
}

/// Drops bracketed asides ("(Article 231)") from a text.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A chunk of text between spaces: its word, and whether punctuation
/// after it ends a clause.
fn chunk_word(chunk: &str) -> (Word, bool) {
    let trimmed = chunk.trim_start_matches(QUOTES);
    let body = trimmed.trim_end_matches(|c: char| {
        QUOTES.contains(&c) || matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '/')
    });
    let ends = trimmed[body.len()..].contains([',', ';', ':', '!', '?', '/']);
    (Word::new(body.trim_end_matches(QUOTES)), ends)
}

/// The clauses of a claim.
fn clauses(claim: &str) -> Vec<Clause> {
    let text = without_brackets(claim);
    let chunks: Vec<(Word, bool)> = text
        .split_whitespace()
        .map(|c| {
            if c.chars().all(|c| matches!(c, '-' | '–' | '—' | '/')) {
                (Word::new(""), true)
            } else {
                chunk_word(c)
            }
        })
        .collect();
    let mut out: Vec<Clause> = Vec::new();
    let mut current = Clause {
        opener: None,
        words: Vec::new(),
    };
    let close = |current: &mut Clause, out: &mut Vec<Clause>, opener: Option<String>| {
        let done = std::mem::replace(
            current,
            Clause {
                opener,
                words: Vec::new(),
            },
        );
        if !done.words.is_empty() {
            out.push(done);
        }
    };
    // Whether a clause with a verb of its own starts at chunk `from`.
    let verb_follows = |from: usize| {
        let mut words = Vec::new();
        for (w, ends) in &chunks[from..] {
            words.push(w.clone());
            if *ends {
                break;
            }
        }
        verb_at(&words).is_some_and(|v| v > 0)
    };
    let mut i = 0;
    while i < chunks.len() {
        let (word, ends) = chunks[i].clone();
        i += 1;
        if word.text.is_empty() {
            if ends {
                close(&mut current, &mut out, None);
            }
            continue;
        }
        let next = chunks.get(i).map(|(w, _)| w);
        let starting = current.words.is_empty();
        let as_much = word.low == "as"
            && next.is_some_and(|n| n.is(&["many", "much", "well", "soon", "long", "far"]));
        let opens = if word.is(OPENERS) || starting && word.is(OPENERS_AFTER_COMMA) && !as_much {
            if word.low == "because" && next.is_some_and(|n| n.low == "of") {
                i += 1;
            }
            Some(word.low.clone())
        } else if word.low == "so" && next.is_some_and(|n| n.low == "that") {
            i += 1;
            Some("so that".to_string())
        } else if word.is(&["so", "as"])
            && next.is_some_and(|n| {
                n.is(PRONOUNS)
                    || n.is(&["the", "a", "an", "his", "her", "its", "their"])
                    || n.capitalised()
            })
        {
            Some(word.low.clone())
        } else if word.low == "by" && next.is_some_and(|n| n.low.ends_with("ing")) {
            Some("by".to_string())
        } else if word.low == "that"
            && current
                .words
                .last()
                .is_some_and(|w| w.is(FRAMES) || w.is(ADJ_THAT) || w.is(BE) || is_past(&w.low))
        {
            Some("that".to_string())
        } else {
            None
        };
        match opens {
            Some(opener) => close(&mut current, &mut out, Some(opener)),
            None => current.words.push(word.clone()),
        }
        // "believed the army had not been defeated": the clause after a
        // verb of thinking is one of its own.
        if word.is(FRAMES)
            && !ends
            && next.is_some_and(|n| {
                n.is(PRONOUNS) || n.is(DETERMINERS) || n.capitalised() || n.is(AUXILIARIES)
            })
            && (verb_follows(i) || next.is_some_and(|n| n.is(AUXILIARIES)))
        {
            // Inside a subordinate clause ("which Germans felt would
            // cripple …"), the clause it opens is subordinate too.
            let opener = match &current.opener {
                Some(o) if SECONDARY.contains(&o.as_str()) => o.clone(),
                _ => "that".into(),
            };
            close(&mut current, &mut out, Some(opener));
        }
        if ends {
            close(&mut current, &mut out, None);
        }
    }
    close(&mut current, &mut out, None);
    for clause in &mut out {
        while clause.words.len() > 1 && clause.words[0].is(LEADS) {
            let lead = clause.words.remove(0);
            if clause.opener.is_none() && lead.is(&["so", "therefore", "thus", "hence"]) {
                clause.opener = Some("so".into());
            }
        }
    }
    merge(out)
}

/// Joins clauses the punctuation split in the middle: "Roosevelt, who …,
/// died in April 1945" gives "Roosevelt died in April 1945"; "Stalin,
/// along with Zinoviev" is one.
fn merge(mut out: Vec<Clause>) -> Vec<Clause> {
    let mut i = 1;
    while i + 1 < out.len() {
        let relative = out[i]
            .opener
            .as_deref()
            .is_some_and(|o| matches!(o, "who" | "which" | "whom" | "whose"));
        if relative
            && out[i + 1].opener.is_none()
            && verb_at(&out[i + 1].words) == Some(0)
            && verb_at(&out[i - 1].words).is_none()
        {
            let rest = out.remove(i + 1).words;
            out[i - 1].words.extend(rest);
        }
        i += 1;
    }
    let mut i = 0;
    while i + 1 < out.len() {
        // "a strong, recovered western Germany": a list of adjectives.
        let n = out[i].words.len();
        let open_phrase = n >= 2 && out[i].words[n - 2].is(&["a", "an", "the"]);
        let next = &out[i + 1].words;
        let adjective = out[i + 1].opener.is_none()
            && next.len() >= 2
            && is_past(&next[0].low)
            && !next[1].is(PREPOSITIONS)
            && !next[1].is(DETERMINERS);
        if open_phrase && adjective {
            let rest = out.remove(i + 1).words;
            out[i].words.extend(rest);
            continue;
        }
        let short =
            out[i].opener.is_none() && out[i].words.len() <= 2 && verb_at(&out[i].words).is_none();
        let continues = out[i + 1].opener.is_none()
            && out[i + 1].words.first().is_some_and(|w| w.is(PREPOSITIONS));
        if short && continues {
            let rest = out.remove(i + 1).words;
            out[i].words.extend(rest);
        }
        i += 1;
    }
    out
}

/// The subject of a clause: its words before the verb, when they are a
/// few and not a pronoun.
fn subject_of(words: &[Word]) -> Option<Vec<Word>> {
    let v = verb_at(words)?;
    let subject = &words[..v];
    let ok = (1..=4).contains(&subject.len())
        && !subject[0].is(PRONOUNS)
        && !subject[0].is(&["this", "these", "that", "those", "there"])
        && subject.iter().all(|w| {
            !w.is(PREPOSITIONS) && !w.is(OPENERS_AFTER_COMMA) && !w.is(&["that"]) || w.low == "of"
        })
        && subject.iter().any(|w| !is_stop_word(&w.low));
    ok.then(|| subject.to_vec())
}

/// A clause's subject when it is a pronoun: "he" of "he wrote a letter".
fn pronoun_subject(words: &[Word]) -> Option<Vec<Word>> {
    (verb_at(words) == Some(1) && words[0].is(PRONOUNS)).then(|| words[..1].to_vec())
}

/// How a label reads, which decides how a hint can use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A subject and its verb: "Germany lost 13% of its land".
    Clause,
    /// A participle first: "Told to sign or face invasion".
    Participle,
    /// No verb: "A dictated peace", "Fuel shortages".
    Noun,
    /// Anything else: a verb first that is not a participle.
    Other,
}

/// Whether a word is a verb's base form this reading knows.
fn is_base_verb(w: &Word) -> bool {
    w.is(BASE_VERBS) || IRREGULAR.iter().any(|&(base, _, _)| w.low == base)
}

fn shape(words: &[Word]) -> Shape {
    match verb_at(words) {
        _ if words.first().is_some_and(|w| w.is(&["being", "having"])) => Shape::Noun,
        _ if words
            .first()
            .is_some_and(|w| is_base_verb(w) && !w.capitalised() || w.low == "to") =>
        {
            Shape::Other
        }
        None => Shape::Noun,
        Some(0) if passive_at(words, 0) => Shape::Participle,
        Some(0) => Shape::Other,
        Some(_) => Shape::Clause,
    }
}

/// What a levels question's reasons lead to, to end a hint with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Aim {
    /// "… led to {0}": "anger in Germany", "the Kapp Putsch failing".
    LedTo(String),
    /// "… helped {0}": "Stalin control the Soviet people".
    Helped(String),
    /// Not read: the hint asks for the link to the question.
    Question,
}

/// Whether a word is a noun by its ending ("constitution",
/// "government"), to tell a subject's last word from its verb.
fn noun_like(low: &str) -> bool {
    [
        "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship", "ists", "ers", "ors",
    ]
    .iter()
    .any(|s| low.ends_with(s))
}

/// The end of the subject starting at `start` (the index of the word
/// after it), as a question's subject reads: determiners, then a run of
/// names ("the Treaty of Versailles", "the USA and the USSR") or one
/// common word, then "of …"/"between …" and more names.
fn subject_end(words: &[Word], start: usize, run: bool) -> Option<usize> {
    let n = words.len();
    // With `run`, a subject of several common words ("binary search") ends
    // before a word that starts a predicate: a verb, determiner,
    // preposition or adjective ("faster than", "suspicious", "good").
    let predicate = |j: usize| {
        let w = &words[j];
        let low = w.low.as_str();
        is_stop_word(low)
            || is_verb_in(words, j)
            || is_present_in(words, j)
            || [
                "ous", "ful", "ive", "able", "ible", "al", "ic", "less", "est",
            ]
            .iter()
            .any(|e| low.ends_with(e))
            || low.ends_with("er") && words.get(j + 1).is_some_and(|n| n.low == "than")
            || w.is(&[
                "good",
                "bad",
                "weak",
                "strong",
                "important",
                "popular",
                "able",
            ])
    };
    let skip_dets = |mut i: usize| {
        while i < n && words[i].is(DETERMINERS) && !words[i].capitalised() {
            i += 1;
        }
        i
    };
    let core = |i: usize| -> Option<usize> {
        let mut j = i;
        while j < n && words[j].capitalised() {
            j += 1;
            // "of" or "and" inside a name: "League of Nations".
            if j + 1 < n && words[j].is(&["of", "and"]) && words[j + 1].capitalised() {
                j += 1;
            }
        }
        if j == i {
            if j < n && !is_verb_in(words, j) && !is_stop_word(&words[j].low) {
                j += 1;
            } else {
                return None;
            }
        }
        while j < n && noun_like(&words[j].low) && !words[j].capitalised() {
            j += 1;
        }
        while run && j + 1 < n && !words[j].capitalised() && !predicate(j) {
            j += 1;
        }
        Some(j)
    };
    let mut i = core(skip_dets(start))?;
    while i < n && words[i].is(&["of", "between", "and", "in"]) {
        let k = skip_dets(i + 1);
        if k < n
            && (words[k].capitalised() || words[i].low == "of")
            && let Some(e) = core(k)
        {
            i = e;
            continue;
        }
        break;
    }
    (i < n).then_some(i)
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `words` without a trailing phrase of time ("in 1947", "between 1945
/// and 1948", "by the time of the Potsdam Conference"): the outcome is
/// clear without it and the hint shorter.
fn without_time(words: &[Word]) -> &[Word] {
    let preps = [
        "in", "by", "between", "during", "from", "after", "before", "until",
    ];
    for k in 1..words.len() {
        if !words[k].is(&preps) {
            continue;
        }
        let rest = &words[k + 1..];
        let timely = rest.first().is_some_and(|w| w.figure() || w.is(MONTHS))
            || rest.len() >= 2 && rest[0].low == "the" && rest[1].low == "time";
        if timely {
            return &words[..k];
        }
    }
    words
}

fn join(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A question's words, without its part, marks and closing mark.
fn question_words(question: &str) -> Vec<Word> {
    let (_, bare, _) = crate::deck::split_question(question);
    without_brackets(bare.trim_end_matches(['?', '.', '!', ' ']))
        .split_whitespace()
        .map(|w| Word::new(w.trim_matches(|c: char| QUOTES.contains(&c) || c == ',')))
        .filter(|w| !w.text.is_empty())
        .collect()
}

/// What a question's reasons lead to: "Why did the Kapp Putsch fail?" →
/// "the Kapp Putsch failing", "Why did the Treaty of Versailles cause
/// anger in Germany?" → "anger in Germany", "How did Stalin control the
/// Soviet people?" → helped "Stalin control the Soviet people".
fn aim(question: &str) -> Aim {
    let words = question_words(question);
    let first = |k: usize| words.get(k).map_or("", |w| w.low.as_str());
    let at = if first(0) == "why" {
        1
    } else if first(0) == "explain" && first(1) == "why" {
        2
    } else if first(0) == "how" && matches!(first(1), "did" | "does" | "do") && words.len() > 3 {
        return Aim::Helped(join(without_time(&words[2..])));
    } else {
        return Aim::Question;
    };
    // The subject, the verb as a gerund and what follows it.
    let phrase = |s: usize, v: usize, verb: String, after: usize| {
        let mut out = join(&words[s..v]);
        out.push(' ');
        out.push_str(&verb);
        let rest = without_time(&words[after.min(words.len())..]);
        if !rest.is_empty() {
            out.push(' ');
            out.push_str(&join(rest));
        }
        Some(out)
    };
    let aux = first(at);
    let s = at + 1;
    let led_to = if matches!(aux, "did" | "does" | "do") {
        subject_end(&words, s, false).and_then(|v| {
            let verb = &words[v].low;
            if CAUSING.contains(&verb.as_str()) {
                let mut o = v + 1;
                while o < words.len() && words[o].is(&["to", "about", "in"]) {
                    o += 1;
                }
                (o < words.len()).then(|| join(without_time(&words[o..])))
            } else {
                phrase(s, v, gerund(verb), v + 1)
            }
        })
    } else if BE.contains(&aux) && first(s) == "there" {
        (words.len() > s + 1).then(|| join(without_time(&words[s + 1..])))
    } else if BE.contains(&aux) {
        subject_end(&words, s, true).and_then(|v| phrase(s, v, "being".into(), v))
    } else if matches!(aux, "had" | "has" | "have") {
        subject_end(&words, s, false)
            .and_then(|v| base_of(&words[v].low).and_then(|b| phrase(s, v, gerund(&b), v + 1)))
    } else {
        // A statement: "Explain why the Nazis gained support", "… the
        // small intestine is good at absorbing food".
        subject_end(&words, at, true).and_then(|v| {
            let verb = &words[v];
            if verb.is(BE) {
                return phrase(at, v, "being".into(), v + 1);
            }
            let base = if is_past(&verb.low) {
                base_of(&verb.low)
            } else if is_present_in(&words, v) {
                Some(verb.low.strip_suffix('s').unwrap_or(&verb.low).to_string())
            } else {
                None
            };
            base.and_then(|b| phrase(at, v, gerund(&b), v + 1))
        })
    };
    led_to.map_or(Aim::Question, Aim::LedTo)
}

/// What a points question asks, as an instruction, when it asks what
/// something is: "What is a variable?" → "Say what a variable is".
fn ask(question: &str) -> Option<String> {
    let words = question_words(question);
    let wh = words.first()?;
    let verb = words.get(1)?;
    if !wh.is(&["what", "who", "which"]) || !verb.is(BE) || words.len() < 3 {
        return None;
    }
    Some(format!("Say {} {} {}", wh.low, join(&words[2..]), verb.low))
}

/// The words of a question or model answer written with a capital where
/// no sentence starts, or in capitals: its names ("Stalin", "USA"), and
/// the words it writes in lower case.
fn cases(texts: &[&str]) -> (HashSet<String>, HashSet<String>) {
    let mut names = HashSet::new();
    let mut lower = HashSet::new();
    for text in texts {
        for line in text.lines() {
            let mut starts = true;
            for chunk in line.split_whitespace() {
                let bare = chunk.trim_matches(|c: char| !c.is_alphanumeric());
                if bare.is_empty() {
                    continue;
                }
                let word = Word::new(bare);
                let capitals = bare.chars().filter(|c| c.is_uppercase()).count();
                if word.capitalised() && !starts || capitals >= 2 {
                    names.insert(possessive_free(&word.low).to_string());
                } else if !word.capitalised() {
                    lower.insert(word.low);
                }
                starts = chunk.ends_with(['.', '!', '?', ':']);
            }
        }
    }
    (names, lower)
}

/// A folded word without its possessive "'s".
fn possessive_free(low: &str) -> &str {
    low.strip_suffix("'s").unwrap_or(low)
}

/// A drafted point's label and hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub label: String,
    pub hint: String,
}

/// Names the points of one card, in the order of its model answer: a
/// pronoun or a missing subject is filled in from the claim before, when
/// it is of the same sentence.
#[derive(Debug, Clone)]
pub struct Namer {
    levels: bool,
    /// Stems of the question's words and of its outcome terms: a clause
    /// made of them restates the question rather than giving a reason.
    question: HashSet<String>,
    aim: Aim,
    /// What a points question asks, as an instruction: "Say what a
    /// variable is".
    ask: Option<String>,
    names: HashSet<String>,
    lower: HashSet<String>,
    answer: String,
    /// Where the last claim named ended in the model answer.
    after_last: Option<usize>,
    /// The subject the last claim named leaves to the next, if any.
    last_subject: Option<Vec<Word>>,
    /// The person the last claim named was about, if it named one.
    last_person: Option<Vec<Word>>,
}

impl Namer {
    /// A namer for a card with `question` and model `answer`, whose
    /// outcome terms are `outcome` (`a/b/c`), marked by levels or not.
    pub fn new(question: &str, answer: &str, outcome: &[String], levels: bool) -> Namer {
        let mut stems: HashSet<String> = HashSet::new();
        let words = question
            .split_whitespace()
            .chain(outcome.iter().flat_map(|t| t.split('/')));
        for w in words {
            let low = fold_word(w.trim_matches(|c: char| !c.is_alphanumeric()));
            if !low.is_empty() && !is_stop_word(&low) {
                stems.insert(stem(&low));
            }
        }
        let (names, lower) = cases(&[question, answer]);
        Namer {
            levels,
            question: stems,
            aim: aim(question),
            ask: ask(question),
            names,
            lower,
            answer: answer.to_string(),
            after_last: None,
            last_subject: None,
            last_person: None,
        }
    }

    /// The label and hint of the point made by `claim`.
    pub fn name(&mut self, claim: &str) -> Named {
        let same_sentence = self.follows(claim);
        let words = self.label_words(claim, same_sentence);
        Named {
            label: label_text(&words, claim),
            hint: self.hint(&words),
        }
    }

    /// The label and hint of a point credited by any of `variants`, its
    /// accepted wordings.
    pub fn name_variants(&mut self, variants: &[String]) -> Named {
        let first = variants.first().map_or("", String::as_str);
        let words = self.label_words(first, false);
        let label = label_text(&words, first);
        match variants.len() {
            0 | 1 => Named {
                hint: self.hint(&words),
                label,
            },
            n => Named {
                label: format!("{label}, or another accepted answer"),
                hint: format!(
                    "Give one accepted answer in a sentence of your own: the model answer lists {n}."
                ),
            },
        }
    }

    /// The label and hint of the point crediting part of the claim named
    /// `whole`.
    pub fn name_part(whole: &Named) -> Named {
        Named {
            label: format!("Part of: {}", whole.label),
            hint: "Make at least part of this point, in a sentence of your own.".into(),
        }
    }

    /// Whether `claim` continues the sentence of the claim named before
    /// it; notes where it ends.
    fn follows(&mut self, claim: &str) -> bool {
        let from = self.after_last.unwrap_or(0);
        let at = self
            .answer
            .get(from..)
            .and_then(|rest| rest.find(claim))
            .map(|p| p + from)
            .or_else(|| self.answer.find(claim));
        let same = match (self.after_last, at) {
            (Some(end), Some(at)) if at >= end => {
                !self.answer[end..at].contains(['.', '!', '?', '\n'])
            }
            _ => false,
        };
        self.after_last = at.map(|at| at + claim.len());
        same
    }

    /// The words of a claim's label.
    fn label_words(&mut self, claim: &str, same_sentence: bool) -> Vec<Word> {
        let all = clauses(claim);
        let before = self.last_subject.take().filter(|_| same_sentence);
        let person = self.last_person.take();
        let Some(best) = self.best(&all) else {
            return Vec::new();
        };
        let mut words = all[best].words.clone();
        // The subjects of the clauses before it in the claim, nearest
        // first.
        let earlier: Vec<Vec<Word>> = all[..best]
            .iter()
            .rev()
            .filter_map(|c| subject_of(&c.words))
            .collect();
        let relative = all[best]
            .opener
            .as_deref()
            .is_some_and(|o| matches!(o, "who" | "which" | "whom" | "whose"));
        let mut inserted = false;
        if words.len() > 1 && words[0].is(PRONOUNS) {
            // A pronoun stands for a subject before it in the claim, or
            // "he" and "she" for the person the claim before was about.
            let pronoun = words[0].low.clone();
            // A clause holding the pronoun itself ("Ebert used it …, and
            // it later …") does not name what it stands for.
            let found = all[..best]
                .iter()
                .rev()
                .take_while(|c| !c.words.iter().skip(1).any(|w| w.low == pronoun))
                .filter_map(|c| subject_of(&c.words))
                .find(|s| agrees(&pronoun, s))
                .or_else(|| {
                    person
                        .filter(|p| matches!(pronoun.as_str(), "he" | "she") && agrees(&pronoun, p))
                });
            if let Some(subject) = found {
                words.splice(0..1, subject);
            }
        } else if !relative
            && verb_at(&words) == Some(0)
            && (words.len() > 1 || passive_at(&words, 0))
            && !words[0].is(&["being", "having"])
        {
            // A verb whose subject is the one before it: "(Germany) was
            // told to sign", "(prisoners could be beaten,) tortured".
            if let Some(subject) = earlier.first().cloned().or(before) {
                words.splice(0..0, subject);
                inserted = true;
            }
        }
        let mut words = tidy(words);
        // A passive written as in notes reads as one: "Trotsky was exiled
        // to Siberia", "prisoners were tortured".
        if let Some(v) = verb_at(&words)
            && v > 0
            && (notes_passive_at(&words, v)
                || inserted
                    && passive_at(&words, v)
                    && words.get(v + 1).is_none_or(|n| n.is(&["by", "as"])))
        {
            let were = agrees("they", &words[..v]);
            words.insert(v, Word::new(if were { "were" } else { "was" }));
        }
        // What the next claim may leave out or stand for: the subject of
        // this one's last clause with one, when it is not a subordinate
        // clause's, and the last person named as a subject.
        let main = |c: &Clause| c.opener.as_deref().is_none_or(|o| !SECONDARY.contains(&o));
        let subjects: Vec<(bool, Vec<Word>)> = all
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let w = if i == best { &words } else { &c.words };
                subject_of(w)
                    .or_else(|| pronoun_subject(w))
                    .map(|s| (main(c), s))
            })
            .collect();
        self.last_subject = subjects
            .last()
            .filter(|(main, _)| *main)
            .map(|(_, s)| s.clone());
        self.last_person = subjects
            .iter()
            .rev()
            .filter(|(main, s)| *main && s.len() == 1 && s[0].capitalised() && !s[0].is(PRONOUNS))
            .map(|(_, s)| s.clone())
            .next();
        shorten(words)
    }

    /// The clause naming the claim's reason.
    fn best(&self, all: &[Clause]) -> Option<usize> {
        let score = |i: usize, c: &Clause| {
            let words = tidy(c.words.clone());
            let rare: f64 = words
                .iter()
                .filter(|w| !is_stop_word(&w.low) && !w.is(FILLERS))
                .map(|w| {
                    let own = self.question.contains(&stem(&w.low));
                    let figure = w.figure();
                    weight(&w.low) * if own { 0.3 } else { 1.0 } * if figure { 0.5 } else { 1.0 }
                })
                .sum();
            let secondary = c.opener.as_deref().is_some_and(|o| SECONDARY.contains(&o))
                || words.first().is_some_and(|w| w.is(PREPOSITIONS))
                // "…, fixed in 1921 at £6,600 million": a detail of what
                // came before.
                || i > 0 && c.opener.is_none() && passive_at(&c.words, 0);
            let verb = verb_at(&words).is_some();
            rare * if secondary { 0.5 } else { 1.0 } * if verb { 1.3 } else { 1.0 }
        };
        let mut best: Option<(usize, f64)> = None;
        for (i, c) in all.iter().enumerate() {
            let s = score(i, c);
            if best.is_none_or(|(_, b)| s > b + 1e-9) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }

    /// `words` as they stand inside a sentence: the first in lower case,
    /// unless it is a name (written with a capital inside a sentence, in
    /// capitals, or a rare word never written in lower case).
    fn inside(&self, words: &[Word]) -> String {
        let text = join(words);
        let Some(first) = words.first() else {
            return text;
        };
        let low = possessive_free(&first.low);
        let name = !is_stop_word(low) && self.names.contains(low)
            || first.text.chars().filter(|c| c.is_uppercase()).count() >= 2
            || !is_stop_word(low) && !self.lower.contains(low) && zipf(low) < 4.0;
        if name {
            return text;
        }
        let mut chars = text.chars();
        chars.next().map_or(String::new(), |c| {
            c.to_lowercase().chain(chars).collect::<String>()
        })
    }

    /// What the student should write for a point labelled `words`.
    fn hint(&self, words: &[Word]) -> String {
        const OWN: &str = "Make this point in a sentence of your own.";
        if words.is_empty() {
            return OWN.into();
        }
        let said = self.inside(words);
        if self.levels {
            let what = match shape(words) {
                Shape::Clause => format!("{said}, and how that"),
                Shape::Participle => format!("being {said}"),
                Shape::Noun => said,
                Shape::Other => "this".to_string(),
            };
            return match &self.aim {
                Aim::LedTo(o) => format!("Explain how {what} led to {o}."),
                Aim::Helped(o) => format!("Explain how {what} helped {o}."),
                Aim::Question => {
                    format!("Explain how {what} answers the question: say what it led to.")
                }
            };
        }
        if let Some(ask) = &self.ask {
            return format!("{ask}.");
        }
        let (Some(v), Some(subject)) = (verb_at(words), subject_of(words)) else {
            return OWN.into();
        };
        let s = self.inside(&subject);
        // A subject is one when it is a name or opens with a determiner:
        // "Form coloured compounds" and "Inner wall covered in villi" have
        // none a hint can name.
        let named = s.chars().next().is_some_and(char::is_uppercase);
        if !named && !subject[0].is(DETERMINERS) {
            return OWN.into();
        }
        let verb = words[v].low.as_str();
        let participle = words[v + 1..]
            .iter()
            .find(|w| !w.is(&["not", "never"]))
            .is_some_and(|w| is_participle(&w.low));
        let passive = words[v].is(BE) && participle;
        let plural = agrees("they", &subject);
        match verb {
            "is" | "are" if passive => format!("Say what happens to {s}."),
            _ if passive || passive_at(words, v) => format!("Say what happened to {s}."),
            "is" | "are" | "was" | "were" | "has" | "have" | "had" => {
                format!("Say what {s} {verb}.")
            }
            "can" | "could" | "will" | "would" => format!("Say what {s} {verb} do."),
            _ if is_past(verb) => format!("Say what {s} did."),
            _ if plural => format!("Say what {s} do."),
            _ => format!("Say what {s} does."),
        }
    }
}

/// Whether a pronoun can stand for `subject`: "he" and "she" for one
/// name, "they" for a plural, "it" for anything else.
fn agrees(pronoun: &str, subject: &[Word]) -> bool {
    let plural = subject.iter().any(|w| w.low == "and")
        || subject
            .last()
            .is_some_and(|w| w.low.ends_with('s') && !w.low.ends_with("ss"));
    let name = subject.len() == 1 && subject[0].capitalised();
    match pronoun {
        "he" | "she" => name && !plural,
        "they" => plural,
        "it" => !plural && !name || name && !subject[0].low.ends_with('s'),
        _ => false,
    }
}

/// A label's words without fillers, a hedge before a figure ("about
/// 13%", "as many as 700,000"), a date before its subject or verb ("in
/// 1923 …", "Stalin by 1938 had …"), or a "was" before a participle
/// opening it.
fn tidy(words: Vec<Word>) -> Vec<Word> {
    let figure_at = |k: usize| words.get(k).is_some_and(Word::figure);
    let date = [
        "in", "by", "from", "during", "after", "before", "until", "since", "at",
    ];
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w.low == "as"
            && words.get(i + 1).is_some_and(|n| n.is(&["many", "much"]))
            && words.get(i + 2).is_some_and(|n| n.low == "as")
            && figure_at(i + 3)
        {
            i += 3;
            continue;
        }
        let month = words.get(i + 1).is_some_and(|n| n.is(MONTHS)) && figure_at(i + 2);
        let span = if month { 3 } else { 2 };
        let dated = w.is(&date)
            && (figure_at(i + 1) || month)
            && words.len() > i + span + 1
            && (i == 0 || is_verb_in(&words, i + span));
        if dated {
            i += span;
            continue;
        }
        if i == 0 && w.figure() && words.get(1).is_some_and(Word::capitalised) && words.len() > 3 {
            i += 1;
            continue;
        }
        // "by this time", "at the time", "in all".
        let same = words.get(i + 2).is_some_and(|n| n.low == "same");
        let time_at = if same { i + 3 } else { i + 2 };
        let vague = w.is(&["at", "by"])
            && words
                .get(i + 1)
                .is_some_and(|n| n.is(&["this", "that", "the"]))
            && words.get(time_at).is_some_and(|n| n.low == "time");
        if vague {
            i = time_at + 1;
            continue;
        }
        if i == 0 && w.low == "in" && words.get(1).is_some_and(|n| n.low == "all") {
            i += 2;
            continue;
        }
        if !(w.is(FILLERS) || w.is(APPROXIMATELY) && figure_at(i + 1)) {
            out.push(w.clone());
        }
        i += 1;
    }
    if out.len() > 2 && out[0].is(BE) && is_participle(&out[1].low) {
        out.remove(0);
    }
    out
}

/// Whether a long label may end before `words[c]`: a preposition or
/// conjunction opening a detail, not "who" or "that" opening the verb's
/// object ("affect who got jobs") nor the "with" of "along with".
fn ends_before(words: &[Word], c: usize) -> bool {
    let w = &words[c];
    let after_verb = c > 0 && in_verb_group(words, c - 1);
    w.is(ENDS_BEFORE)
        && !(after_verb && w.is(&["who", "which", "that", "when", "where"]))
        && !(c > 0 && w.low == "with" && words[c - 1].low == "along")
}

/// The index after a clause's verb group and the first word of its
/// object: "had promised to support free …" ends after "free".
fn least_cut(words: &[Word]) -> usize {
    let Some(v) = verb_at(words) else {
        return 2;
    };
    let mut j = v + 1;
    while j < words.len() && (in_verb_group(words, j) || words[j].is(&["not", "never", "been"])) {
        j += 1;
    }
    if words.get(j).is_some_and(|w| w.low == "to") {
        j += 2;
    }
    (j + 1).max(2)
}

/// Where to cut `words` to at most [`MAX_WORDS`] (one more to end a
/// clause), and how well: 0, no cut; 1, after the verb and its object,
/// before a word opening a detail; 2, before an "of" after the verb; 3, at
/// the limit, on a content word; 4, before a word opening a detail
/// anywhere; 5, at the limit.
fn cut(words: &[Word]) -> (u8, usize) {
    let n = words.len();
    if n <= MAX_WORDS {
        return (0, n);
    }
    let least = least_cut(words);
    let find = |from: usize, top: usize, ok: &dyn Fn(usize) -> bool| {
        (from.max(2)..=top.min(n - 1)).rev().find(|&c| ok(c))
    };
    if let Some(c) = find(least, MAX_WORDS + 1, &|c| ends_before(words, c)) {
        return (1, c);
    }
    if n == MAX_WORDS + 1 {
        return (0, n);
    }
    if let Some(c) = find(least, MAX_WORDS, &|c| words[c].low == "of") {
        return (2, c);
    }
    let last = &words[MAX_WORDS - 1];
    if MAX_WORDS >= least && !is_stop_word(&last.low) && !words[MAX_WORDS].capitalised() {
        return (3, MAX_WORDS);
    }
    if let Some(c) = find(2, MAX_WORDS, &|c| {
        ends_before(words, c) || words[c].low == "of"
    }) {
        return (4, c);
    }
    (5, MAX_WORDS)
}

/// Cuts a label longer than [`MAX_WORDS`] (see [`cut`]), leaving out its
/// articles after the first when that cuts it better; a label never ends
/// on a function word (but for a verb's particle: "find out") or a verb
/// of thinking left without its clause.
fn shorten(words: Vec<Word>) -> Vec<Word> {
    let (tier, at) = cut(&words);
    let mut out = words[..at].to_vec();
    if tier > 1 {
        let lean: Vec<Word> = words
            .iter()
            .enumerate()
            .filter(|(i, w)| *i == 0 || !w.is(&["the", "a", "an"]))
            .map(|(_, w)| w.clone())
            .collect();
        let (lean_tier, lean_at) = cut(&lean);
        if lean_tier < tier {
            out = lean[..lean_at].to_vec();
        }
    }
    let particle = |out: &[Word]| {
        let n = out.len();
        n > 2
            && out[n - 1].is(&["out", "up", "down", "off"])
            && (in_verb_group(out, n - 2) || out[n - 3].low == "to")
    };
    while out.len() > 1 {
        let n = out.len();
        let last = &out[n - 1];
        // "recovering", "of trying": a detail cut short.
        let gerund = n > 2 && last.low.ends_with("ing") && !is_stop_word(&last.low);
        // "the new Deutschmark introduced": a participle after its noun
        // when the clause has its verb already.
        let reduced = is_past(&last.low)
            && verb_at(&out)
                .is_some_and(|v| v < n - 1 && out[v + 1..n - 1].iter().any(|w| w.is(DETERMINERS)))
            && !out[n - 2].low.ends_with("ly")
            && !out[n - 2].is(BE)
            && !out[n - 2].is(AUXILIARIES)
            && !out[n - 2].is(&["not", "never", "been", "being"]);
        // "plans to remove him": an object pronoun after its verb.
        let object = last.is(&["him", "her", "it", "them", "us"]) && !is_stop_word(&out[n - 2].low);
        let poor = is_stop_word(&last.low) && !particle(&out) && !object
            || last.is(NO_END)
            || last.is(FRAMES) && n > 2
            || gerund
            || reduced;
        if !poor {
            break;
        }
        out.pop();
    }
    out
}

/// The label made of `words`, or when the claim gave none (it is all
/// brackets and quotes), its first words as written.
fn label_text(words: &[Word], claim: &str) -> String {
    if words.is_empty() {
        let first: Vec<&str> = claim.split_whitespace().take(MAX_WORDS).collect();
        return capitalised(&first.join(" "));
    }
    capitalised(&join(words))
}

/// `text` with a capital first letter.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Deck;
    use crate::rubric::Scheme;

    /// The decks whose model answers drafting is tuned on: the new-topics
    /// development decks and the built-in deck's source.
    const DECKS: &[(&str, &str)] = &[
        (
            "germany-1918-23.tsv",
            include_str!("../../../tests/data/new-topics/dev/germany-1918-23.tsv"),
        ),
        (
            "cold-war-1945-49.tsv",
            include_str!("../../../tests/data/new-topics/dev/cold-war-1945-49.tsv"),
        ),
        (
            "biology-key-elements.tsv",
            include_str!("../../../tests/data/new-topics/dev/biology-key-elements.tsv"),
        ),
        (
            "chemistry-short.tsv",
            include_str!("../../../tests/data/new-topics/dev/chemistry-short.tsv"),
        ),
        (
            "stalin-power.txt",
            include_str!("../../../decks/stalin-power.txt"),
        ),
    ];

    /// The labels and hints a namer gives `claims` of a card, in order.
    fn named(question: &str, claims: &[&str], levels: bool) -> Vec<Named> {
        let answer = claims.join(" ");
        let mut namer = Namer::new(question, &answer, &[], levels);
        claims.iter().map(|c| namer.name(c)).collect()
    }

    fn label(question: &str, claim: &str) -> String {
        named(question, &[claim], true).remove(0).label
    }

    /// A text's words, folded, for comparing runs of them.
    fn words_of(text: &str) -> Vec<String> {
        text.split_whitespace()
            .map(|w| fold_word(w.trim_matches(|c: char| !c.is_alphanumeric())))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// Whether `hint` repeats a run of more than `most` words of `text`.
    fn repeats(hint: &str, text: &str, most: usize) -> bool {
        let h = words_of(hint);
        let t = words_of(text);
        t.windows(most + 1)
            .any(|run| h.windows(most + 1).any(|w| w == run))
    }

    #[test]
    fn a_label_names_the_reason_in_a_few_words_of_its_claim() {
        let why = "Why did the Treaty of Versailles cause anger in Germany?";
        for (claim, want) in [
            // The clause with the claim's rare words, its hedge and filler
            // dropped.
            (
                "Germany also lost about 13% of its land, including Alsace-Lorraine to France, the Polish Corridor",
                "Germany lost 13% of its land",
            ),
            // The reason, not the consequence after "which", and its "it"
            // filled in from the clause before.
            (
                "Because Germany was blamed, it had to pay reparations, fixed in 1921 at £6,600 million, which Germans felt would cripple the economy for generations",
                "Germany had to pay reparations",
            ),
            // Cut after the verb's object, before the detail.
            (
                "The War Guilt clause (Article 231) made Germany accept the whole blame for starting the war, which seemed humiliating",
                "The War Guilt clause made Germany accept blame",
            ),
            // What "many Germans believed", and who "they" are.
            (
                "Finally, many Germans believed the army had not really been defeated, so they blamed the 'November Criminals' who accepted the terms",
                "Many Germans blamed the November Criminals",
            ),
        ] {
            assert_eq!(label(why, claim), want, "{claim}");
        }
        let why = "Why had relations between the USA and the USSR got worse by the time of the Potsdam Conference in July 1945?";
        // The main clause around a relative one.
        assert_eq!(
            label(
                why,
                "Roosevelt, who had got on reasonably well with Stalin, died in April 1945"
            ),
            "Roosevelt died in April 1945"
        );
        // The clause after "learned that".
        assert_eq!(
            label(
                why,
                "Finally, the day before the conference Truman learned that the USA had tested an atomic bomb"
            ),
            "The USA had tested an atomic bomb"
        );
        assert_eq!(
            label(
                "Why did the League of Nations fail?",
                "The USA never joined, so the League lacked its most powerful member"
            ),
            "The USA never joined"
        );
    }

    #[test]
    fn a_claim_with_no_words_outside_brackets_is_labelled_as_written() {
        // A rubric point needs a label and a hint to load.
        for claim in ["(Article 231)", "'…'", "– / –", "\"\""] {
            let n = named("Why?", &[claim], true).remove(0);
            assert!(!n.label.trim().is_empty() && !n.hint.is_empty(), "{claim}");
        }
        assert_eq!(
            named("Why?", &["(Article 231)"], true)[0].label,
            "(Article 231)"
        );
    }

    #[test]
    fn a_claim_without_its_subject_takes_the_one_before_in_its_sentence() {
        let why = "Why were the NKVD a feared organisation?";
        let answer = "Once arrested by the NKVD, prisoners could be beaten, tortured and murdered.";
        let mut namer = Namer::new(why, answer, &[], true);
        let labels: Vec<String> = ["prisoners could be beaten", "tortured", "murdered"]
            .iter()
            .map(|c| namer.name(c).label)
            .collect();
        assert_eq!(
            labels,
            [
                "Prisoners could be beaten",
                "Prisoners were tortured",
                "Prisoners were murdered"
            ]
        );
        // Not across a full stop, and never from a clause that is not the
        // claim's main one ("when the government borrowed").
        let why = "Why was there hyperinflation in Germany in 1923?";
        let answer = "Germany's money problems began in the war, when the government borrowed heavily and printed money instead of raising taxes.";
        let mut namer = Namer::new(why, answer, &[], true);
        namer.name(
            "Germany's money problems began in the war, when the government borrowed heavily",
        );
        let printed = namer.name("printed money instead of raising taxes");
        assert_eq!(printed.label, "Printed money instead of raising taxes");
        assert_eq!(
            printed.hint,
            "Explain how this led to hyperinflation in Germany."
        );
    }

    #[test]
    fn he_and_she_stand_for_the_person_the_claim_before_was_about() {
        let named = named(
            "Why did Trotsky lose the leadership struggle with Stalin?",
            &[
                "Lenin however did not like Stalin and did not think he would make a very good leader",
                "He wrote a letter to the rest of the party when he got very ill explaining these sentiments",
            ],
            true,
        );
        assert_eq!(named[1].label, "Lenin wrote a letter");
        // "it" is not a person's: left as it is.
        let named = self::named(
            "Why was the Weimar constitution a weakness for the new Republic?",
            &["Ebert used it over 130 times", "it later helped Hitler"],
            true,
        );
        assert_eq!(named[1].label, "It later helped Hitler");
    }

    #[test]
    fn a_levels_hint_asks_how_the_reason_led_to_the_questions_outcome() {
        let named = named(
            "Why did the Treaty of Versailles cause anger in Germany?",
            &[
                "Germany also lost about 13% of its land",
                "a dictated peace",
            ],
            true,
        );
        assert_eq!(
            named[0].hint,
            "Explain how Germany lost 13% of its land, and how that led to anger in Germany."
        );
        assert_eq!(
            named[1].hint,
            "Explain how a dictated peace led to anger in Germany."
        );
    }

    #[test]
    fn the_outcome_is_read_from_the_question() {
        let led_to = |q: &str| match aim(q) {
            Aim::LedTo(o) => o,
            other => panic!("{q}: {other:?}"),
        };
        assert_eq!(
            led_to("(b) Why did the Kapp Putsch fail? [6]"),
            "the Kapp Putsch failing"
        );
        assert_eq!(
            led_to("Why did the Treaty of Versailles cause anger in Germany?"),
            "anger in Germany"
        );
        assert_eq!(
            led_to("Why was there hyperinflation in Germany in 1923?"),
            "hyperinflation in Germany"
        );
        assert_eq!(
            led_to("Why did Stalin begin the Berlin Blockade in 1948?"),
            "Stalin beginning the Berlin Blockade"
        );
        assert_eq!(
            led_to(
                "Why did the Soviet Union take control of Eastern Europe between 1945 and 1948?"
            ),
            "the Soviet Union taking control of Eastern Europe"
        );
        assert_eq!(
            led_to(
                "Why had relations between the USA and the USSR got worse by the time of the Potsdam Conference in July 1945?"
            ),
            "relations between the USA and the USSR getting worse"
        );
        assert_eq!(
            led_to("Why was the Weimar constitution a weakness for the new Republic?"),
            "the Weimar constitution being a weakness for the new Republic"
        );
        assert_eq!(
            led_to("Why is binary search faster than linear search?"),
            "binary search being faster than linear search"
        );
        assert_eq!(
            led_to("Explain why the Nazis gained support 1929–33."),
            "the Nazis gaining support 1929–33"
        );
        assert_eq!(
            aim("How did Stalin control the Soviet people?"),
            Aim::Helped("Stalin control the Soviet people".into())
        );
        // Not read: the hint asks for the link to the question.
        assert_eq!(aim("How far was Stalin to blame?"), Aim::Question);
        assert_eq!(aim("Why might the sky appear blue?"), Aim::Question);
    }

    #[test]
    fn verb_forms() {
        for (base, ing) in [
            ("fail", "failing"),
            ("begin", "beginning"),
            ("introduce", "introducing"),
            ("take", "taking"),
            ("win", "winning"),
            ("stop", "stopping"),
            ("enter", "entering"),
            ("die", "dying"),
            ("see", "seeing"),
            ("control", "controlling"),
        ] {
            assert_eq!(gerund(base), ing);
        }
        for (past, base) in [
            ("introduced", "introduce"),
            ("stopped", "stop"),
            ("tried", "try"),
            ("gained", "gain"),
            ("got", "get"),
            ("began", "begin"),
        ] {
            assert_eq!(base_of(past).as_deref(), Some(base), "{past}");
        }
    }

    #[test]
    fn a_points_hint_asks_what_the_question_or_the_points_subject_asks() {
        let hint = |q: &str, claim: &str| named(q, &[claim], false).remove(0).hint;
        assert_eq!(
            hint(
                "What is a variable?",
                "A location in memory that can store a value"
            ),
            "Say what a variable is."
        );
        let munich = "Describe the Munich Agreement made by Britain, France, Italy and Germany.";
        assert_eq!(
            hint(munich, "Czechoslovakia was not invited"),
            "Say what happened to Czechoslovakia."
        );
        assert_eq!(
            hint(munich, "Germany could take the Sudetenland"),
            "Say what Germany could do."
        );
        assert_eq!(
            hint(
                "Describe the small intestine.",
                "The capillaries carry absorbed glucose away"
            ),
            "Say what the capillaries do."
        );
        assert_eq!(
            hint(
                "Give two properties of transition metals.",
                "Form coloured compounds"
            ),
            "Make this point in a sentence of your own."
        );
    }

    /// Every point drafted from the decks drafting is tuned on: a short
    /// label drawn from its claim, and a hint that says what to do without
    /// listing key words or repeating the model sentence.
    #[test]
    fn every_drafted_point_of_the_dev_decks_has_a_short_label_and_a_hint_to_the_student() {
        let mut checked = 0;
        for (file, text) in DECKS {
            let deck = Deck::parse(text, file).unwrap();
            for card in &deck.cards {
                let Ok(rubric) = super::super::derive_card(card) else {
                    continue;
                };
                let answer = words_of(&card.answer);
                for p in &rubric.points {
                    let at = format!("{file} card {}: {:?}", card.id, p.label);
                    let label = p.label.strip_prefix("Part of: ").unwrap_or(&p.label);
                    let label = label
                        .strip_suffix(", or another accepted answer")
                        .unwrap_or(label);
                    let n = label.split_whitespace().count();
                    assert!((1..=MAX_WORDS + 1).contains(&n), "{at}: {n} words");
                    assert!(
                        label.chars().next().is_some_and(|c| !c.is_lowercase()),
                        "{at}: a label starts with a capital"
                    );
                    assert!(!label.ends_with(['.', ',', ';', ':']), "{at}");
                    // Drawn from the model answer (a subject may come from
                    // the claim before, and "was" complete a passive).
                    for w in words_of(label) {
                        assert!(
                            answer.contains(&w) || w == "was" || w == "were",
                            "{at}: {w:?} is not the model answer's"
                        );
                    }
                    let hint = &p.hint;
                    let first = hint.split_whitespace().next().unwrap_or("");
                    assert!(
                        ["Explain", "Say", "Give", "Make"].contains(&first),
                        "{at}: the hint {hint:?} starts with a verb"
                    );
                    assert!(hint.ends_with('.'), "{at}: {hint:?}");
                    assert!(!hint.contains("key words"), "{at}: {hint:?}");
                    // Nothing quoted.
                    assert!(
                        !hint.contains(['(', '"', '“', '‘']) && !hint.contains(" '"),
                        "{at}: {hint:?}"
                    );
                    // No more of the model sentence than the label holds.
                    let most = words_of(label).len() + 1;
                    assert!(
                        !repeats(hint, &p.source, most),
                        "{at}: the hint {hint:?} repeats its model sentence {:?}",
                        p.source
                    );
                    if words_of(&p.source).len() > most {
                        assert!(!hint.contains(p.source.as_str()), "{at}: {hint:?}");
                    }
                    if rubric.scheme == Scheme::Levels {
                        assert!(
                            hint.contains(" led to ")
                                || hint.contains(" helped ")
                                || hint.contains("answers the question"),
                            "{at}: {hint:?} asks for the link to the question"
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 200, "{checked}");
    }
}
