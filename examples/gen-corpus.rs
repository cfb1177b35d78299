//! Writes a large, realistic guide folder for benchmarks and profiling.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --pages 10000 --out /tmp/corpus [--seed 1] \
//!     [--hugo /tmp/corpus-hugo]
//! ```
//!
//! The guide has the seven top-level sections of the sample guide, nested subsections so that
//! no section holds more than 55 direct children, and `--pages` pages of 400–1,500
//! words (sections and the home page come on top, about 3 % more files). Every page has front
//! matter (title, summary, weight, competencies, resources, audience, sometimes role, time and
//! downloads), h2/h3 headings (some with explicit `{#id}`s), lists, tables, emphasis, and links
//! to other pages of the corpus by relative source path, often to one of their headings.
//! `content/competencies.yaml` and `content/resources.yaml` are the sample guide's files, so
//! every id is real. Every link and id resolves: `guidewright build --root OUT` succeeds.
//!
//! `--hugo DIR` also writes the same corpus as a Hugo site (see `benches/hugo/`): the same
//! Markdown with links already turned into Hugo's URLs, `_index.md` sections, the data files
//! under `data/`, and minimal templates comparable to guidewright's default theme.
//!
//! The output is a function of `--pages` and `--seed` only (own PRNG, no clock, no hashing
//! order), so two runs write identical files.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const COMPETENCIES_YAML: &str = include_str!("../content/competencies.yaml");
const RESOURCES_YAML: &str = include_str!("../content/resources.yaml");
const HUGO_CONFIG: &str = include_str!("../benches/hugo/config.yaml");
const HUGO_BASEOF: &str = include_str!("../benches/hugo/layouts/_default/baseof.html");
const HUGO_SINGLE: &str = include_str!("../benches/hugo/layouts/_default/single.html");
const HUGO_LIST: &str = include_str!("../benches/hugo/layouts/_default/list.html");
const HUGO_NAV: &str = include_str!("../benches/hugo/layouts/partials/nav.html");
const HUGO_FACTS: &str = include_str!("../benches/hugo/layouts/partials/facts.html");
const HUGO_PANELS: &str = include_str!("../benches/hugo/layouts/partials/panels.html");
const HUGO_CSS: &str = include_str!("../benches/hugo/static/theme/guide.css");

/// The one heading of the home page.
const HOME_HEADING: &str = "How the seven steps fit together";

/// Marks a folder this program wrote, so a later run may replace it.
const MARKER: &str = ".gen-corpus";

/// Most pages placed directly in one section before the rest go to subsections.
const MAX_DIRECT: usize = 45;

// ---------------------------------------------------------------------------------------------
// A small deterministic PRNG (SplitMix64).

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// An independent stream for item `n` of stream `seed`.
    fn derive(seed: u64, n: u64) -> Self {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n.rotate_left(29));
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct items of `items`, in the order they were drawn.
    fn sample<'a, T>(&mut self, items: &'a [T], lo: usize, hi: usize) -> Vec<&'a T> {
        let k = self.range(lo, hi);
        let mut picked: Vec<usize> = Vec::new();
        while picked.len() < k.min(items.len()) {
            let i = self.below(items.len());
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
        picked.into_iter().map(|i| &items[i]).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// The domain's vocabulary.

const TOP_SECTIONS: [(&str, &str, &str); 7] = [
    (
        "defining-roles",
        "Defining teacher-leader roles",
        "Decide what teacher-leaders will do and how the role fits beside classroom teaching.",
    ),
    (
        "selecting",
        "Selecting teacher-leaders",
        "Name the competencies the role needs, then choose teacher-leaders through a fair and open process.",
    ),
    (
        "training",
        "Training teacher-leaders",
        "Prepare teachers to coach adults, facilitate groups and lead inquiry.",
    ),
    (
        "finding-time",
        "Finding time",
        "Build protected, job-embedded time for collaboration into the school day.",
    ),
    (
        "funding",
        "Funding",
        "Pay for teacher leadership sustainably, from stipends to release time.",
    ),
    (
        "leading-teams",
        "Leading successful teams",
        "Run inquiry cycles, facilitate meetings well and use peer observation.",
    ),
    (
        "evaluating",
        "Evaluating teacher-leaders",
        "Decide what to measure and give feedback that helps teacher-leaders grow.",
    ),
];

/// Each top-level section's share of the pages, relative.
const SHARES: [usize; 7] = [12, 13, 17, 11, 10, 20, 17];

const TOPICS: [&str; 32] = [
    "peer observation",
    "coaching cycles",
    "instructional rounds",
    "lesson study",
    "data teams",
    "mentoring new teachers",
    "professional learning communities",
    "hybrid roles",
    "stipends and release time",
    "teacher-led workshops",
    "action research",
    "micro-credentials",
    "co-teaching",
    "learning walks",
    "collaborative inquiry",
    "video clubs",
    "critical friends groups",
    "curriculum teams",
    "instructional leadership teams",
    "job-embedded learning",
    "looking at student work",
    "common planning time",
    "classroom demonstrations",
    "feedback conversations",
    "induction programs",
    "school-based coaching",
    "department leadership",
    "grade-level teams",
    "teacher research grants",
    "leadership pathways",
    "family partnerships",
    "assessment literacy",
];

const ASPECTS: [&str; 20] = [
    "a first cycle",
    "a planning guide",
    "common pitfalls",
    "roles and norms",
    "evidence and feedback",
    "budget and staffing",
    "getting principals on board",
    "a case study",
    "templates and tools",
    "scaling up",
    "year two and beyond",
    "questions to ask",
    "what the research says",
    "a checklist",
    "schedules that work",
    "building trust",
    "measuring impact",
    "working with the union",
    "sustaining the work",
    "first steps",
];

const CONTEXTS: [&str; 16] = [
    "elementary schools",
    "middle schools",
    "high schools",
    "rural districts",
    "large urban districts",
    "small schools",
    "special education",
    "multilingual classrooms",
    "early-career teachers",
    "STEM departments",
    "union-district partnerships",
    "charter networks",
    "turnaround schools",
    "career and technical education",
    "early childhood programs",
    "regional consortia",
];

const SUBJECTS: [&str; 24] = [
    "Teacher-leaders",
    "Instructional coaches",
    "Principals",
    "Grade-level teams",
    "New teacher-leaders",
    "Mentor teachers",
    "District leaders",
    "Union representatives",
    "Leadership teams",
    "Professional learning communities",
    "Department chairs",
    "Peer observers",
    "Facilitators",
    "Selection committees",
    "Most schools",
    "Experienced coaches",
    "Teachers new to the role",
    "Team leads",
    "Assistant principals",
    "Program coordinators",
    "Lead teachers",
    "Critical friends",
    "Hybrid teacher-leaders",
    "School improvement teams",
];

const MODALS: [&str; 8] = [
    "should",
    "can",
    "often",
    "need to",
    "usually",
    "rarely",
    "may want to",
    "must",
];

const VERBS: [&str; 30] = [
    "protect",
    "plan",
    "facilitate",
    "review",
    "model",
    "co-plan",
    "observe",
    "document",
    "share",
    "schedule",
    "fund",
    "evaluate",
    "revisit",
    "adapt",
    "lead",
    "support",
    "build",
    "examine",
    "negotiate",
    "agree on",
    "publish",
    "test",
    "refine",
    "budget for",
    "reflect on",
    "name",
    "track",
    "celebrate",
    "question",
    "sequence",
];

const OBJECTS: [&str; 40] = [
    "time for collaboration",
    "a coaching cycle",
    "the inquiry question",
    "student work samples",
    "a shared protocol",
    "the observation look-fors",
    "common planning time",
    "the role description",
    "the budget for stipends",
    "norms for feedback",
    "a short debrief",
    "evidence of student learning",
    "the professional learning plan",
    "the selection rubric",
    "release time",
    "a data conversation",
    "the team's agenda",
    "classroom visits",
    "a demonstration lesson",
    "the school schedule",
    "goals for the year",
    "a theory of action",
    "exit tickets",
    "the improvement plan",
    "next steps",
    "a learning walk",
    "the coaching log",
    "an end-of-year review",
    "agreements about confidentiality",
    "a self-assessment",
    "the hiring timeline",
    "the evaluation criteria",
    "a cycle of inquiry",
    "meeting minutes",
    "a lesson plan",
    "the district calendar",
    "office hours",
    "a reading of the research",
    "feedback from colleagues",
    "the compensation model",
];

const QUALIFIERS: [&str; 28] = [
    "before the school year begins",
    "every two weeks",
    "with the whole team",
    "in the first semester",
    "without judging",
    "so that colleagues can see the practice",
    "when the schedule allows",
    "during common planning time",
    "as part of the improvement plan",
    "at the end of each cycle",
    "with the principal's support",
    "in writing",
    "in plain language",
    "before anyone is asked to change",
    "in the second year",
    "across grade levels",
    "in partnership with the union",
    "at a pace teachers can sustain",
    "for every new teacher",
    "in the first month",
    "after each observation",
    "with students' work on the table",
    "at the start of every meeting",
    "within the contract day",
    "using the same rubric",
    "once trust is established",
    "before the budget is set",
    "for the rest of the year",
];

const CONNECTORS: [&str; 16] = [
    "However,",
    "In practice,",
    "For example,",
    "As a result,",
    "At the same time,",
    "In many districts,",
    "Over time,",
    "Where possible,",
    "Above all,",
    "In our experience,",
    "Even so,",
    "Just as important,",
    "In the first year,",
    "By contrast,",
    "Most of all,",
    "In short,",
];

const REASONS: [&str; 14] = [
    "trust grows when colleagues see the work",
    "one-off workshops rarely change practice",
    "teachers learn best from colleagues down the hall",
    "time is the scarcest resource in a school",
    "a clear role protects the teacher-leader",
    "feedback only helps when it is specific",
    "principals set the conditions for collaboration",
    "evidence keeps discussions honest",
    "selection is where trust is won or lost",
    "stipends signal that the work matters",
    "new leaders need coaching too",
    "teams improve when they share responsibility for results",
    "the same protocol makes every meeting easier",
    "students benefit when teachers plan together",
];

const H2_TEMPLATES: [&str; 24] = [
    "Why {topic} matters",
    "Getting started with {topic}",
    "Common pitfalls",
    "Planning {topic}",
    "Questions to ask",
    "What the research says",
    "An example schedule",
    "Roles and responsibilities",
    "Checklist: {topic}",
    "Time & money: options",
    "What's a {acronym}?",
    "Evidence to collect",
    "Working with principals",
    "Step {n}: {verb} {object}",
    "How {topic} fits the role",
    "Costs and staffing",
    "Adapting {topic} for {context}",
    "A sample agenda",
    "Feedback, norms and trust",
    "When {topic} stalls",
    "Measuring progress",
    "Case study: {context}",
    "Next steps",
    "Templates you can copy",
];

const H3_TEMPLATES: [&str; 14] = [
    "Before the meeting",
    "During the meeting",
    "After the meeting",
    "For principals",
    "For teacher-leaders",
    "For district leaders",
    "What to watch for",
    "A worked example",
    "Variations",
    "If time is short",
    "Tools",
    "Scoring",
    "In the first month",
    "Signs of progress",
];

const EXPLICIT_IDS: [&str; 10] = [
    "scoring",
    "checklist",
    "example",
    "key-points",
    "summary-table",
    "agenda",
    "timeline",
    "look-fors",
    "costs",
    "evidence",
];

const ACRONYMS: [&str; 6] = ["PLC", "CFG", "ILT", "TLLP", "MTSS", "IEP"];

const AUDIENCES: [&str; 5] = [
    "teacher",
    "teacher-leader",
    "principal",
    "district",
    "union",
];

const ROLES: [&str; 10] = [
    "instructional-coach",
    "mentor",
    "data-coach",
    "team-lead",
    "department-chair",
    "peer-observer",
    "curriculum-specialist",
    "facilitator",
    "learning-leader",
    "researcher",
];

const TABLE_HEADS: [[&str; 4]; 4] = [
    ["Option", "Time per week", "Cost", "Best for"],
    ["Stage", "Who", "What happens", "Evidence"],
    ["Competency", "Emerging", "Ready", "Strong"],
    ["Model", "Release time", "Stipend", "Trade-off"],
];

const AMOUNTS: [&str; 12] = [
    "30 minutes",
    "45 minutes",
    "one period",
    "half a day",
    "two hours",
    "one day a month",
    "$1,500 a year",
    "$3,000 a year",
    "0.2 FTE",
    "0.5 FTE",
    "none",
    "a substitute day",
];

// ---------------------------------------------------------------------------------------------
// The plan: every file of the guide, before any is written.

struct Heading {
    level: u8,
    text: String,
    /// The id the heading gets: its `{#id}` or the Git-host slug of its text.
    id: String,
    explicit: bool,
}

struct Doc {
    /// Path in `content/`: `_index.md`, `training/_index.md`, `training/coaching.md`,
    /// `training/peer-observation/index.md`.
    path: String,
    /// The folder the path is relative to (the page's folder in `content/`).
    dir: String,
    title: String,
    kind: Kind,
    weight: usize,
    /// The section holding this file (none for the home page).
    parent: Option<usize>,
    /// Pages and subsections of a section, in weight order.
    children: Vec<usize>,
    headings: Vec<Heading>,
    /// Body words to write.
    words: usize,
    /// Index of the top-level section (0..7) this file is in; 7 for the home page.
    top: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Home,
    Section,
    Page,
    Bundle,
}

/// A catalog resource: its id, and its address when it has an http(s) one.
type Resource = (String, Option<String>);

struct Plan {
    docs: Vec<Doc>,
    competencies: Vec<String>,
    resources: Vec<Resource>,
    seed: u64,
}

/// Lowercase, letters and digits kept, anything else one hyphen: a file name.
fn file_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The id a Git host gives a heading: lowercase, spaces to hyphens, punctuation dropped.
fn heading_slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(text: &str) -> String {
    // Keep acronyms such as STEM; lowercase an ordinary first word.
    let first_word = text.split(' ').next().unwrap_or("");
    if first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase()) {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn page_title(rng: &mut Rng) -> String {
    let topic = rng.pick(&TOPICS);
    match rng.below(5) {
        0 | 1 => format!("{}: {}", capitalize(topic), rng.pick(&ASPECTS)),
        2 => format!("{} in {}", capitalize(topic), rng.pick(&CONTEXTS)),
        3 => format!("{} for {}", capitalize(rng.pick(&ASPECTS)), topic),
        _ => format!(
            "{} {} {}",
            capitalize(rng.pick(&VERBS)),
            rng.pick(&OBJECTS),
            rng.pick(&QUALIFIERS)
        ),
    }
}

fn section_title(rng: &mut Rng) -> String {
    let topic = rng.pick(&TOPICS);
    match rng.below(3) {
        0 => capitalize(topic),
        1 => format!("{} in {}", capitalize(topic), rng.pick(&CONTEXTS)),
        _ => format!("{}: {}", capitalize(topic), rng.pick(&ASPECTS)),
    }
}

/// A title and file name not yet used in a folder.
fn unique_name(
    rng: &mut Rng,
    taken: &mut HashSet<String>,
    make: fn(&mut Rng) -> String,
) -> (String, String) {
    for _ in 0..30 {
        let title = make(rng);
        let name = file_slug(&title);
        if taken.insert(name.clone()) {
            return (title, name);
        }
    }
    let title = make(rng);
    let base = file_slug(&title);
    let mut n = 2;
    loop {
        let name = format!("{base}-{n}");
        if taken.insert(name.clone()) {
            return (format!("{title} ({n})"), name);
        }
        n += 1;
    }
}

/// Splits `total` into `parts` non-empty shares of roughly equal size.
fn split(rng: &mut Rng, total: usize, parts: usize) -> Vec<usize> {
    let weights: Vec<usize> = (0..parts).map(|_| rng.range(60, 140)).collect();
    let sum: usize = weights.iter().sum();
    let mut shares: Vec<usize> = weights.iter().map(|w| (total * w / sum).max(1)).collect();
    let mut given: usize = shares.iter().sum();
    let mut i = 0;
    while given < total {
        shares[i % parts] += 1;
        given += 1;
        i += 1;
    }
    while given > total {
        if shares[i % parts] > 1 {
            shares[i % parts] -= 1;
            given -= 1;
        }
        i += 1;
    }
    shares
}

fn add_doc(docs: &mut Vec<Doc>, doc: Doc) -> usize {
    docs.push(doc);
    docs.len() - 1
}

/// Fills section `section` with `pages` pages, in subsections when they do not fit.
fn fill_section(docs: &mut Vec<Doc>, rng: &mut Rng, section: usize, pages: usize) {
    let (direct, subsections) = if pages <= MAX_DIRECT + 10 {
        (pages, Vec::new())
    } else {
        let direct = rng.range(10, 30);
        let rest = pages - direct;
        let count = rest.div_ceil(MAX_DIRECT).clamp(2, 14);
        (direct, split(rng, rest, count))
    };
    let mut taken = HashSet::new();
    // Pages and subsections interleave in the section's order.
    let mut slots: Vec<Option<usize>> = (0..direct).map(|_| None).collect();
    for (i, _) in subsections.iter().enumerate() {
        let at = rng.below(slots.len() + 1);
        slots.insert(at, Some(i));
    }
    let mut made = Vec::new();
    for (position, slot) in slots.into_iter().enumerate() {
        let weight = (position + 1) * 10;
        match slot {
            None => {
                let child = add_page(docs, rng, &mut taken, section, weight);
                made.push((child, None));
            }
            Some(i) => {
                let child = add_subsection(docs, rng, &mut taken, section, weight);
                made.push((child, Some(subsections[i])));
            }
        }
    }
    docs[section].children = made.iter().map(|(c, _)| *c).collect();
    for (child, pages) in made {
        if let Some(pages) = pages {
            fill_section(docs, rng, child, pages);
        }
    }
}

/// Adds a page (sometimes a page bundle) to `section`; returns its index.
fn add_page(
    docs: &mut Vec<Doc>,
    rng: &mut Rng,
    taken: &mut HashSet<String>,
    section: usize,
    weight: usize,
) -> usize {
    let dir = docs[section].dir.clone();
    let top = docs[section].top;
    let (title, name) = unique_name(rng, taken, page_title);
    let bundle = rng.chance(2);
    let (path, page_dir, kind) = if bundle {
        let d = join(&dir, &name);
        (format!("{d}/index.md"), d, Kind::Bundle)
    } else {
        (format!("{}.md", join(&dir, &name)), dir.clone(), Kind::Page)
    };
    let words = rng.range(400, 1500);
    add_doc(
        docs,
        Doc {
            path,
            dir: page_dir,
            title,
            kind,
            weight,
            parent: Some(section),
            children: Vec::new(),
            headings: Vec::new(),
            words,
            top,
        },
    )
}

/// Adds an empty subsection to `section`; returns its index.
fn add_subsection(
    docs: &mut Vec<Doc>,
    rng: &mut Rng,
    taken: &mut HashSet<String>,
    section: usize,
    weight: usize,
) -> usize {
    let dir = docs[section].dir.clone();
    let top = docs[section].top;
    let (title, name) = unique_name(rng, taken, section_title);
    let d = join(&dir, &name);
    let words = rng.range(120, 400);
    add_doc(
        docs,
        Doc {
            path: format!("{d}/_index.md"),
            dir: d,
            title,
            kind: Kind::Section,
            weight,
            parent: Some(section),
            children: Vec::new(),
            headings: Vec::new(),
            words,
            top,
        },
    )
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The headings of one file, unique by id.
fn outline(rng: &mut Rng, words: usize, section: bool) -> Vec<Heading> {
    let h2s = if section {
        rng.range(1, 2)
    } else {
        (words / 170).clamp(2, 8)
    };
    let topic = rng.pick(&TOPICS);
    let mut ids: HashSet<String> = HashSet::new();
    let mut headings = Vec::new();
    let mut step = 1;
    for _ in 0..h2s {
        for attempt in 0..20 {
            let template = rng.pick(&H2_TEMPLATES);
            let text = template
                .replace("{topic}", topic)
                .replace("{acronym}", rng.pick(&ACRONYMS))
                .replace("{context}", rng.pick(&CONTEXTS))
                .replace("{n}", &step.to_string())
                .replace("{verb}", rng.pick(&VERBS))
                .replace("{object}", rng.pick(&OBJECTS));
            let text = capitalize(&text);
            if push_heading(rng, &mut headings, &mut ids, 2, text) {
                if template.contains("{n}") {
                    step += 1;
                }
                break;
            }
            if attempt == 19 {
                let text = format!("More on {topic} ({})", headings.len() + 1);
                push_heading(rng, &mut headings, &mut ids, 2, text);
            }
        }
        if !section && rng.chance(45) {
            for _ in 0..rng.range(1, 2) {
                let text = (rng.pick(&H3_TEMPLATES)).to_string();
                push_heading(rng, &mut headings, &mut ids, 3, text);
            }
        }
    }
    headings
}

/// Adds a heading unless its id is taken; sometimes gives it an explicit id.
fn push_heading(
    rng: &mut Rng,
    headings: &mut Vec<Heading>,
    ids: &mut HashSet<String>,
    level: u8,
    text: String,
) -> bool {
    let slug = heading_slug(&text);
    if slug.is_empty() || ids.contains(&slug) {
        return false;
    }
    if rng.chance(10) {
        let id = rng.pick(&EXPLICIT_IDS);
        if !ids.contains(id) {
            ids.insert(id.to_string());
            headings.push(Heading {
                level,
                text,
                id: id.to_string(),
                explicit: true,
            });
            return true;
        }
    }
    ids.insert(slug.clone());
    headings.push(Heading {
        level,
        text,
        id: slug,
        explicit: false,
    });
    true
}

/// The ids of `competencies.yaml` and `resources.yaml` (with each resource's address).
fn catalog_ids() -> Result<(Vec<String>, Vec<Resource>), String> {
    use guidewright::yaml::{self, Size};
    /// An entry of either file: the keys read here (the others are skipped).
    #[derive(serde::Deserialize)]
    struct Entry {
        id: String,
        url: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Framework {
        #[serde(default)]
        competencies: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Files {
        #[serde(default)]
        frameworks: Vec<Framework>,
        #[serde(default)]
        resources: Vec<Entry>,
    }
    let competencies: Files = yaml::from_str(COMPETENCIES_YAML, Size::DataFile)
        .map_err(|e| format!("content/competencies.yaml: {}", e.message))?;
    let ids: Vec<String> = competencies
        .frameworks
        .into_iter()
        .flat_map(|framework| framework.competencies)
        .map(|competency| competency.id)
        .collect();
    let resources: Files = yaml::from_str(RESOURCES_YAML, Size::DataFile)
        .map_err(|e| format!("content/resources.yaml: {}", e.message))?;
    let resource_ids: Vec<Resource> = resources
        .resources
        .into_iter()
        .map(|resource| {
            let url = resource
                .url
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
            (resource.id, url)
        })
        .collect();
    if ids.is_empty() || resource_ids.is_empty() {
        return Err("the sample guide's data files hold no ids".into());
    }
    Ok((ids, resource_ids))
}

/// The home page, before its headings.
fn home() -> Doc {
    Doc {
        path: "_index.md".into(),
        dir: String::new(),
        title: "Teacher-Led Professional Learning".into(),
        kind: Kind::Home,
        weight: 0,
        parent: None,
        children: Vec::new(),
        headings: Vec::new(),
        words: 300,
        top: 7,
    }
}

/// How many of `pages` each top-level section holds, in proportion to `SHARES`.
fn top_section_shares(pages: usize) -> Vec<usize> {
    let total: usize = SHARES.iter().sum();
    let mut shares: Vec<usize> = SHARES.iter().map(|s| pages * s / total).collect();
    let given: usize = shares.iter().sum();
    shares[5] += pages - given;
    shares
}

fn plan(pages: usize, seed: u64) -> Result<Plan, String> {
    let (competencies, resources) = catalog_ids()?;
    let mut rng = Rng::new(seed);
    let mut docs = vec![home()];
    let shares = top_section_shares(pages);
    for (i, (name, title, _)) in TOP_SECTIONS.iter().enumerate() {
        let section = add_doc(
            &mut docs,
            Doc {
                path: format!("{name}/_index.md"),
                dir: (*name).to_string(),
                title: (*title).to_string(),
                kind: Kind::Section,
                weight: i + 1,
                parent: Some(0),
                children: Vec::new(),
                headings: Vec::new(),
                words: rng.range(150, 400),
                top: i,
            },
        );
        docs[0].children.push(section);
    }
    for (i, share) in shares.into_iter().enumerate() {
        fill_section(&mut docs, &mut rng, i + 1, share);
    }
    for (n, doc) in docs.iter_mut().enumerate() {
        let mut rng = Rng::derive(!seed, n as u64);
        doc.headings = outline(
            &mut rng,
            doc.words,
            doc.kind != Kind::Page && doc.kind != Kind::Bundle,
        );
    }
    // The home page's body is fixed (`home_body`).
    docs[0].headings = vec![Heading {
        level: 2,
        text: HOME_HEADING.into(),
        id: heading_slug(HOME_HEADING),
        explicit: false,
    }];
    Ok(Plan {
        docs,
        competencies,
        resources,
        seed,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing: the same text for guidewright and for Hugo, links differing.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Guidewright,
    Hugo,
}

/// `to` relative to folder `from` (both `/`-separated, no leading `/`).
fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let to_dir = &to_parts[..to_parts.len().saturating_sub(1)];
    let common = from
        .iter()
        .zip(to_dir.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The folder of a file's URL in the Hugo site: `training/coaching/` for
/// `training/coaching.md`, `training/` for `training/_index.md`.
fn hugo_url_dir(doc: &Doc) -> String {
    match doc.kind {
        Kind::Home => String::new(),
        Kind::Section | Kind::Bundle => format!("{}/", doc.dir),
        Kind::Page => format!("{}/", doc.path.strip_suffix(".md").unwrap_or(&doc.path)),
    }
}

/// A heading line, with its explicit `{#id}` when it has one.
fn write_heading(out: &mut String, h: &Heading) {
    let marks = if h.level == 2 { "##" } else { "###" };
    if h.explicit {
        let _ = writeln!(out, "{marks} {} {{#{}}}\n", h.text, h.id);
    } else {
        let _ = writeln!(out, "{marks} {}\n", h.text);
    }
}

/// A list, table, quote or task list under a heading, or nothing; returns its words.
fn block(rng: &mut Rng, out: &mut String, kind: Kind) -> usize {
    match rng.below(10) {
        0..=3 => bullet_list(rng, out),
        4 | 5 => numbered_list(rng, out),
        6 if kind != Kind::Section => table(rng, out),
        7 => quote_block(rng, out),
        8 if kind != Kind::Section => task_list(rng, out),
        _ => 0,
    }
}

impl Plan {
    fn href(&self, flavor: Flavor, from: usize, to: usize, anchor: Option<&str>) -> String {
        let mut href = match flavor {
            Flavor::Guidewright => relative(&self.docs[from].dir, &self.docs[to].path),
            Flavor::Hugo => {
                let target = hugo_url_dir(&self.docs[to]);
                // A trailing file-less segment so `relative` keeps the target folder whole.
                let rel = relative(&hugo_url_dir(&self.docs[from]), &format!("{target}x"));
                let rel = rel.strip_suffix('x').unwrap_or(&rel).to_string();
                if rel.is_empty() {
                    "./".to_string()
                } else {
                    rel
                }
            }
        };
        if let Some(anchor) = anchor {
            href.push('#');
            href.push_str(anchor);
        }
        href
    }

    /// Links a file makes: (target, anchor), chosen before its body is written.
    fn link_targets(&self, rng: &mut Rng, doc: usize) -> Vec<(usize, Option<usize>)> {
        let d = &self.docs[doc];
        let mut targets = Vec::new();
        let count = match d.kind {
            Kind::Home => 0,
            Kind::Section => rng.range(2, 4),
            _ => rng.range(3, 8),
        };
        let siblings: &[usize] = d.parent.map_or(&[], |p| &self.docs[p].children);
        for _ in 0..count {
            let target = match rng.below(10) {
                0..=3 if siblings.len() > 1 => rng.pick(siblings),
                4 => d.parent.unwrap_or(0),
                5 if !d.children.is_empty() => rng.pick(&d.children),
                6 => 0,
                _ => rng.below(self.docs.len()),
            };
            if target == doc {
                continue;
            }
            let headings = &self.docs[target].headings;
            let anchor = if !headings.is_empty() && rng.chance(50) {
                Some(rng.below(headings.len()))
            } else {
                None
            };
            targets.push((target, anchor));
        }
        // Now and then a link to a heading of the same page.
        if !d.headings.is_empty() && rng.chance(20) {
            targets.push((doc, Some(rng.below(d.headings.len()))));
        }
        targets
    }

    fn front_matter(&self, rng: &mut Rng, doc: usize, flavor: Flavor) -> String {
        let d = &self.docs[doc];
        let mut out = String::from("---\n");
        let _ = writeln!(out, "title: {}", quote(&d.title));
        let summary = match d.kind {
            Kind::Home => "A practical, step-by-step guide for schools, districts, unions and support organizations that want their strongest teachers to lead colleagues' professional learning.".to_string(),
            _ => summary_sentence(rng, &d.title),
        };
        let _ = writeln!(out, "summary: {}", quote(&summary));
        if d.kind != Kind::Home {
            let _ = writeln!(out, "weight: {}", d.weight);
        }
        let _ = writeln!(
            out,
            "updated: 2026-{:02}-{:02}",
            rng.range(1, 12),
            rng.range(1, 28)
        );
        if d.kind == Kind::Home {
            out.push_str("---\n");
            return out;
        }
        let competencies = rng.sample(&self.competencies, 1, 4);
        let _ = writeln!(out, "competencies: [{}]", join_ids(competencies));
        let resources: Vec<&String> = rng
            .sample(&self.resources, 0, 3)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        if !resources.is_empty() {
            // `resources` is a reserved front-matter key in Hugo (page bundle resources).
            let key = match flavor {
                Flavor::Guidewright => "resources",
                Flavor::Hugo => "catalog_resources",
            };
            let _ = writeln!(out, "{key}: [{}]", join_ids(resources));
        }
        let audience = rng.sample(&AUDIENCES, 1, 3);
        let _ = writeln!(out, "audience: [{}]", join_ids(audience));
        if rng.chance(30) {
            let roles = rng.sample(&ROLES, 1, 2);
            let _ = writeln!(out, "role: [{}]", join_ids(roles));
        }
        if matches!(d.kind, Kind::Page | Kind::Bundle) && rng.chance(60) {
            let _ = writeln!(
                out,
                "time: {{ read: {}, activity: {} }}",
                d.words.div_ceil(200),
                rng.range(1, 12) * 5
            );
        }
        if d.kind == Kind::Bundle {
            out.push_str("downloads:\n  - file: handout.pdf\n    title: Printable handout\n");
        }
        out.push_str("---\n");
        out
    }

    /// The links not placed in the prose yet, as a closing "Related pages:" line.
    fn related_pages(
        &self,
        out: &mut String,
        doc: usize,
        links: &mut Vec<(usize, Option<usize>)>,
        flavor: Flavor,
    ) {
        if !links.is_empty() {
            out.push_str("Related pages:");
            while let Some((target, anchor)) = links.pop() {
                let _ = write!(out, " {};", self.link(doc, target, anchor, flavor));
            }
            out.pop();
            out.push_str(".\n\n");
        }
    }

    /// The whole text of file `doc`.
    fn file_text(&self, doc: usize, flavor: Flavor) -> String {
        // The same stream for both flavors, so they differ only in link addresses and keys.
        let mut rng = Rng::derive(self.seed, doc as u64);
        let d = &self.docs[doc];
        let mut out = self.front_matter(&mut rng, doc, flavor);
        out.push('\n');
        if d.kind == Kind::Home {
            self.home_body(&mut out, flavor);
            return out;
        }
        let mut links = self.link_targets(&mut rng, doc);
        links.reverse();
        let mut written = 0usize;
        // Word budget: one unit for the introduction and each h2, half a unit for each h3.
        let h3s = d.headings.iter().filter(|h| h.level == 3).count();
        let units = 2 * (d.headings.len() - h3s) + h3s + 2;
        // Prose is budgeted a little short: lists, tables and links come on top.
        let target = d.words * 85 / 100;
        let budget = 2 * target / units;
        written += self.paragraphs(&mut rng, &mut out, doc, flavor, &mut links, budget);
        let mut headings = d.headings.iter().peekable();
        while let Some(h) = headings.next() {
            write_heading(&mut out, h);
            let share = if h.level == 2 { budget } else { budget / 2 };
            let start = written;
            written += self.paragraphs(&mut rng, &mut out, doc, flavor, &mut links, share * 2 / 3);
            if h.level == 2 || rng.chance(50) {
                written += block(&mut rng, &mut out, d.kind);
            }
            let next_is_h3 = headings.peek().is_some_and(|n| n.level == 3);
            if !next_is_h3 && written - start + 25 < share {
                written += self.paragraphs(
                    &mut rng,
                    &mut out,
                    doc,
                    flavor,
                    &mut links,
                    share - (written - start),
                );
            }
        }
        if target > written + 40 {
            self.paragraphs(
                &mut rng,
                &mut out,
                doc,
                flavor,
                &mut links,
                target - written,
            );
        }
        self.related_pages(&mut out, doc, &mut links, flavor);
        if d.kind == Kind::Bundle {
            out.push_str("Download the [printable handout](handout.pdf) for your next meeting.\n");
        }
        out
    }

    fn link(&self, doc: usize, target: usize, anchor: Option<usize>, flavor: Flavor) -> String {
        let t = &self.docs[target];
        match anchor {
            Some(h) => {
                let heading = &t.headings[h];
                let text = if target == doc {
                    format!("“{}” below", heading.text)
                } else {
                    format!("{} in {}", heading.text, t.title)
                };
                format!(
                    "[{}]({})",
                    escape_link_text(&text),
                    self.href(flavor, doc, target, Some(&heading.id))
                )
            }
            None => format!(
                "[{}]({})",
                escape_link_text(&t.title),
                self.href(flavor, doc, target, None)
            ),
        }
    }

    /// Paragraphs of about `words` words in all; returns the words written.
    fn paragraphs(
        &self,
        rng: &mut Rng,
        out: &mut String,
        doc: usize,
        flavor: Flavor,
        links: &mut Vec<(usize, Option<usize>)>,
        words: usize,
    ) -> usize {
        let mut written = 0;
        while written == 0 || written + 25 < words {
            let size = rng
                .range(50, 110)
                .min(words.saturating_sub(written).max(25));
            let mut text = String::new();
            let mut count = 0;
            while count < size {
                let sentence = sentence(rng);
                count += sentence.split(' ').count();
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&sentence);
            }
            if !links.is_empty() && rng.chance(45) {
                let (target, anchor) = links.pop().unwrap_or((doc, None));
                let link = self.link(doc, target, anchor, flavor);
                let lead = rng.pick(&[
                    "See",
                    "For more, read",
                    "Compare",
                    "This builds on",
                    "Teams new to this can start with",
                ]);
                let _ = write!(text, " {lead} {link}.");
                count += 6;
            } else if rng.chance(4)
                && let Some((id, Some(url))) = self.resources.get(rng.below(self.resources.len()))
            {
                let _ = write!(
                    text,
                    " The [{}]({url}) is a useful companion.",
                    id.replace('-', " ")
                );
                count += 6;
            }
            wrap(out, &text);
            out.push('\n');
            written += count;
        }
        written
    }

    fn home_body(&self, out: &mut String, flavor: Flavor) {
        out.push_str(
            "This guide is for the people who decide how teachers learn on the job: teachers\n\
             who already help colleagues, principals, district leaders and union leaders.\n\n",
        );
        let _ = writeln!(out, "## {HOME_HEADING}\n");
        for (n, &section) in self.docs[0].children.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. [{}]({}): {}",
                n + 1,
                self.docs[section].title,
                self.href(flavor, 0, section, None),
                lower_first(TOP_SECTIONS[n].2)
            );
        }
    }
}

fn join_ids<S: AsRef<str>>(ids: Vec<S>) -> String {
    ids.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn escape_link_text(text: &str) -> String {
    text.replace('[', "(").replace(']', ")")
}

fn summary_sentence(rng: &mut Rng, title: &str) -> String {
    format!(
        "How {} {} {} {}, and why {}.",
        lower_first(rng.pick(&SUBJECTS)),
        rng.pick(&VERBS),
        rng.pick(&OBJECTS),
        rng.pick(&QUALIFIERS),
        if rng.chance(50) {
            (rng.pick(&REASONS)).to_string()
        } else {
            format!("{} matters", lower_first(title))
        }
    )
}

/// One sentence of prose, sometimes with emphasis.
fn sentence(rng: &mut Rng) -> String {
    let subject = rng.pick(&SUBJECTS);
    let object = rng.pick(&OBJECTS);
    let object = match rng.below(12) {
        0 => format!("**{object}**"),
        1 => format!("*{object}*"),
        _ => object.to_string(),
    };
    match rng.below(7) {
        0 => format!(
            "{} {} {} {} {}.",
            rng.pick(&CONNECTORS),
            lower_first(subject),
            rng.pick(&MODALS),
            rng.pick(&VERBS),
            object
        ),
        1 => format!(
            "When {} {} {}, {} can {} {}.",
            lower_first(subject),
            rng.pick(&VERBS),
            object,
            lower_first(rng.pick(&SUBJECTS)),
            rng.pick(&VERBS),
            rng.pick(&OBJECTS)
        ),
        2 => format!(
            "The research on {} suggests that {} {} {} {}.",
            rng.pick(&TOPICS),
            lower_first(subject),
            rng.pick(&MODALS),
            rng.pick(&VERBS),
            object
        ),
        3 => format!("This matters because {}.", rng.pick(&REASONS)),
        _ => format!(
            "{} {} {} {} {}.",
            subject,
            rng.pick(&MODALS),
            rng.pick(&VERBS),
            object,
            rng.pick(&QUALIFIERS)
        ),
    }
}

/// Appends `text` as one paragraph wrapped near 90 columns.
fn wrap(out: &mut String, text: &str) {
    let mut column = 0;
    for word in text.split(' ') {
        if column > 0 && column + word.len() > 90 {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out.push('\n');
}

fn list_item(rng: &mut Rng) -> String {
    let text = format!(
        "{} {} {}",
        capitalize(rng.pick(&VERBS)),
        rng.pick(&OBJECTS),
        rng.pick(&QUALIFIERS)
    );
    if rng.chance(40) {
        format!("**{}.** {text}.", capitalize(rng.pick(&TOPICS)))
    } else {
        format!("{text}.")
    }
}

fn bullet_list(rng: &mut Rng, out: &mut String) -> usize {
    let mut words = 0;
    for _ in 0..rng.range(3, 6) {
        let item = list_item(rng);
        words += item.split(' ').count();
        let _ = writeln!(out, "- {item}");
    }
    out.push('\n');
    words
}

fn numbered_list(rng: &mut Rng, out: &mut String) -> usize {
    let mut words = 0;
    for n in 1..=rng.range(3, 6) {
        let item = list_item(rng);
        words += item.split(' ').count();
        let _ = writeln!(out, "{n}. {item}");
    }
    out.push('\n');
    words
}

fn task_list(rng: &mut Rng, out: &mut String) -> usize {
    let mut words = 0;
    for _ in 0..rng.range(3, 5) {
        let item = list_item(rng);
        words += item.split(' ').count();
        let mark = if rng.chance(30) { 'x' } else { ' ' };
        let _ = writeln!(out, "- [{mark}] {item}");
    }
    out.push('\n');
    words
}

fn quote_block(rng: &mut Rng, out: &mut String) -> usize {
    let text = format!("{} {}", sentence(rng), sentence(rng));
    let _ = writeln!(out, "> {text}\n");
    text.split(' ').count()
}

fn table(rng: &mut Rng, out: &mut String) -> usize {
    let head = rng.pick(&TABLE_HEADS);
    let _ = writeln!(out, "| {} |\n|---|---|---|---|", head.join(" | "));
    let mut words = 8;
    for _ in 0..rng.range(3, 6) {
        let cells = [
            capitalize(rng.pick(&TOPICS)),
            (rng.pick(&AMOUNTS)).to_string(),
            capitalize(rng.pick(&OBJECTS)),
            capitalize(rng.pick(&QUALIFIERS)),
        ];
        words += cells.iter().map(|c| c.split(' ').count()).sum::<usize>();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    words
}

// ---------------------------------------------------------------------------------------------
// Files.

const GUIDE_YAML: &str = "title: Teacher-Led Professional Learning
description: >-
  A generated guide for benchmarks: teacher leadership, coaching and professional learning
  communities, from defining the role to evaluating it.
language: en
theme: default
output_dir: public
taxonomies:
  audience:
    title: Audience
    values: [teacher, teacher-leader, principal, district, union]
  role:
    title: Teacher-leader role
markdown:
  smart_punctuation: true
  raw_html: true
search:
  enabled: true
";

/// A tiny but well-formed PDF, for page bundles.
const HANDOUT_PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Makes `dir` ready to be written: absent, empty, or a folder this program wrote.
fn prepare(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if entries.next().is_some() {
            if !dir.join(MARKER).is_file() {
                return Err(format!(
                    "{} is not empty and was not written by gen-corpus; choose another --out",
                    dir.display()
                ));
            }
            fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(
        dir.join(MARKER),
        "written by guidewright's examples/gen-corpus.rs\n",
    )
    .map_err(|e| format!("{}: {e}", dir.display()))
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_guide(plan: &Plan, out: &Path) -> Result<u64, String> {
    prepare(out)?;
    write(&out.join("guide.yaml"), GUIDE_YAML)?;
    let content = out.join("content");
    write(&content.join("competencies.yaml"), COMPETENCIES_YAML)?;
    write(&content.join("resources.yaml"), RESOURCES_YAML)?;
    let mut bytes = 0;
    for (n, doc) in plan.docs.iter().enumerate() {
        let text = plan.file_text(n, Flavor::Guidewright);
        bytes += text.len() as u64;
        write(&content.join(&doc.path), text)?;
        if doc.kind == Kind::Bundle {
            write(&content.join(&doc.dir).join("handout.pdf"), HANDOUT_PDF)?;
        }
    }
    Ok(bytes)
}

fn write_hugo(plan: &Plan, out: &Path) -> Result<(), String> {
    prepare(out)?;
    write(&out.join("config.yaml"), HUGO_CONFIG)?;
    write(&out.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(&out.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write(&out.join("layouts/_default/list.html"), HUGO_LIST)?;
    write(&out.join("layouts/partials/nav.html"), HUGO_NAV)?;
    write(&out.join("layouts/partials/facts.html"), HUGO_FACTS)?;
    write(&out.join("layouts/partials/panels.html"), HUGO_PANELS)?;
    write(&out.join("static/theme/guide.css"), HUGO_CSS)?;
    write(&out.join("data/competencies.yaml"), COMPETENCIES_YAML)?;
    write(&out.join("data/resources.yaml"), RESOURCES_YAML)?;
    let content = out.join("content");
    for (n, doc) in plan.docs.iter().enumerate() {
        write(&content.join(&doc.path), plan.file_text(n, Flavor::Hugo))?;
        if doc.kind == Kind::Bundle {
            write(&content.join(&doc.dir).join("handout.pdf"), HANDOUT_PDF)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

struct Args {
    pages: usize,
    out: PathBuf,
    seed: u64,
    hugo: Option<PathBuf>,
}

const USAGE: &str = "usage: gen-corpus --pages N --out DIR [--seed S] [--hugo DIR]

Writes a guide folder of N pages (plus their sections) to DIR, and with --hugo the same
corpus as a Hugo site. DIR must be absent, empty, or written by gen-corpus before.";

fn parse_args() -> Result<Args, String> {
    let mut pages = None;
    let mut out = None;
    let mut seed = 1;
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--pages" => {
                let v = value("--pages")?;
                pages = Some(
                    v.replace(['_', ','], "")
                        .parse::<usize>()
                        .map_err(|_| format!("--pages: `{v}` is not a number"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: `{v}` is not a number"))?;
            }
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let pages = pages.ok_or("--pages N is required")?;
    if pages < 7 {
        return Err("--pages must be at least 7 (one per top-level section)".into());
    }
    Ok(Args {
        pages,
        out: out.ok_or("--out DIR is required")?,
        seed,
        hugo,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gen-corpus: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = plan(args.pages, args.seed).and_then(|plan| {
        let bytes = write_guide(&plan, &args.out)?;
        if let Some(hugo) = &args.hugo {
            write_hugo(&plan, hugo)?;
        }
        Ok((plan, bytes))
    });
    match result {
        Ok((plan, bytes)) => {
            let sections = plan.docs.iter().filter(|d| d.kind == Kind::Section).count();
            let bundles = plan.docs.iter().filter(|d| d.kind == Kind::Bundle).count();
            let depth = plan
                .docs
                .iter()
                .map(|d| d.path.matches('/').count())
                .max()
                .unwrap_or(0);
            println!(
                "wrote {} pages ({bundles} page bundles), {sections} sections and the home page \
                 ({:.1} MB of Markdown, folders up to {depth} deep) to {}{}",
                args.pages,
                bytes as f64 / 1e6,
                args.out.display(),
                args.hugo
                    .as_ref()
                    .map(|h| format!(", and the Hugo site to {}", h.display()))
                    .unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen-corpus: {message}");
            ExitCode::FAILURE
        }
    }
}
