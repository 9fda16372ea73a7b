//! A deterministic synthetic library: news-like titles, thousands of bylines with real-looking
//! names, dates over 25 years, and bodies in byline's plain-text layout with the flaws real files
//! have (a page break splitting a sentence, `*italic*`, curly quotes).
//!
//! Names are drawn the way a real news library has them, few common and many rare (a
//! Zipf–Mandelbrot law, [`Zipf`]): some bylines write hundreds of articles and most a handful,
//! some surnames are shared by many bylines and most by one, and the towns, firms and people the
//! titles name run from a few in the news every week to thousands named once.
//!
//! Every article is a pure function of the seed and its number: article `i` draws from its own
//! generator (one stream for the header, one for the body), so the library can be written by
//! several threads, and its headers alone (for a ranking benchmark) come out the same without
//! writing a body. The examples `gen_library` and `known_item` include this file.

use std::fmt::Write as _;
use std::path::PathBuf;

use jiff::civil::{Date, date};

/// How many distinct bylines a library has.
pub const AUTHORS: usize = 2_500;

/// How many surnames the bylines (and the people titles name) draw on: the real ones of
/// `LAST_NAMES`, then made-up ones.
const SURNAMES: usize = 3_000;

/// How many made-up names of towns, firms and bodies its titles draw on.
const NAMES: usize = 12_000;

/// The first day an article can carry; dates run over 25 years from it.
const FIRST_DAY: Date = date(2001, 1, 1);
const DAYS: i64 = 9_131; // 2001-01-01 ..= 2025-12-31

/// splitmix64: a few lines, good enough for test data, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The generator for stream `stream` of article `index` under `seed`.
    pub fn for_article(seed: u64, index: u64, stream: u64) -> Self {
        let mut mix = Rng(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
        let first = mix.next_u64() ^ stream.wrapping_mul(0x9FB2_1C65_1E98_DF25);
        Rng(first)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `range` (inclusive of both ends).
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A number in `0..1`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws a rank in `0..n` with weight `1 / (rank + q)`: a Zipf–Mandelbrot law, the shape of
/// how often names occur in text (a few very often, most rarely); `q` flattens the head.
#[derive(Debug, Clone)]
pub struct Zipf {
    /// The running sum of the weights.
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, q: f64) -> Self {
        let mut sum = 0.0;
        let cumulative = (0..n)
            .map(|rank| {
                sum += 1.0 / (rank as f64 + q);
                sum
            })
            .collect();
        Self { cumulative }
    }

    pub fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// The title, author and date of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub title: String,
    pub author: String,
    pub date: Date,
}

impl Header {
    /// `31 December 2014`, as the file writes it.
    pub fn long_date(&self) -> String {
        byline::article::date::long(self.date)
    }

    /// The line of `headers.txt`: `title | author | date`, the same data the file holds, for
    /// peers that filter lines (`fzf --filter`).
    pub fn line(&self) -> String {
        format!("{} | {} | {}", self.title, self.author, self.long_date())
    }
}

/// A library of a given seed: its authors, and each article on demand.
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
    authors: Vec<String>,
    /// How often each byline writes, by its place in `authors`.
    prolific: Zipf,
    /// Surnames, the common first: people in the news have them too.
    surnames: Vec<String>,
    common_surname: Zipf,
    /// Names of towns, firms and bodies the news is about, made up from syllables: real news
    /// names many more things than any word list holds, and they are what people remember.
    names: Vec<String>,
    common_name: Zipf,
    /// What titles are about, a library's common topics first.
    topics: Vec<&'static str>,
    common_topic: Zipf,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed ^ 0x5EED_A17B_0000_0001);
        let mut seen = std::collections::HashSet::new();
        let made_up = |rng: &mut Rng, seen: &mut std::collections::HashSet<String>| loop {
            let mut name = String::new();
            for _ in 0..rng.between(2, 3) {
                name.push_str(rng.pick(SYLLABLES));
            }
            let name = capital(&name);
            if seen.insert(name.clone()) {
                return name;
            }
        };
        // The real surnames are the common ones, in an order of the seed's.
        let mut surnames: Vec<String> = LAST_NAMES.iter().map(|s| s.to_string()).collect();
        for i in (1..surnames.len()).rev() {
            surnames.swap(i, rng.below(i + 1));
        }
        seen.extend(surnames.iter().cloned());
        while surnames.len() < SURNAMES {
            surnames.push(made_up(&mut rng, &mut seen));
        }
        // About one person in a hundred has the commonest surname.
        let common_surname = Zipf::new(surnames.len(), 20.0);
        let mut authors = Vec::with_capacity(AUTHORS);
        let mut bylines = std::collections::HashSet::new();
        while authors.len() < AUTHORS {
            let surname = &surnames[common_surname.draw(&mut rng)];
            let name = format!("{} {surname}", rng.pick(FIRST_NAMES));
            if bylines.insert(name.clone()) {
                authors.push(name);
            }
        }
        let names = (0..NAMES).map(|_| made_up(&mut rng, &mut seen)).collect();
        let mut topics: Vec<&'static str> = NOUNS.to_vec();
        topics.extend(TOPICS.split(' ').filter(|w| !NOUNS.contains(w)));
        for i in (1..topics.len()).rev() {
            topics.swap(i, rng.below(i + 1));
        }
        Self {
            seed,
            authors,
            // The most prolific byline writes about one article in sixty.
            prolific: Zipf::new(AUTHORS, 10.0),
            surnames,
            common_surname,
            names,
            common_name: Zipf::new(NAMES, 5.0),
            common_topic: Zipf::new(topics.len(), 10.0),
            topics,
        }
    }

    pub fn authors(&self) -> &[String] {
        &self.authors
    }

    /// The header of article `index`.
    pub fn header(&self, index: usize) -> Header {
        let mut rng = Rng::for_article(self.seed, index as u64, 0);
        let title = title(&mut rng, self);
        let author = self.authors[self.prolific.draw(&mut rng)].clone();
        let day = rng.below(DAYS as usize) as i64;
        let date = FIRST_DAY
            .checked_add(jiff::Span::new().days(day))
            .expect("25 years from 2001 are valid dates");
        Header {
            title,
            author,
            date,
        }
    }

    /// A place the news is about: half a place of the world, half one of the library's own.
    fn place(&self, rng: &mut Rng) -> &str {
        if rng.one_in(2) {
            rng.pick(PLACES)
        } else {
            &self.names[self.common_name.draw(rng)]
        }
    }

    /// What the news is about: a topic of the library's, the common ones often.
    fn topic(&self, rng: &mut Rng) -> &'static str {
        self.topics[self.common_topic.draw(rng)]
    }

    /// A person in the news, by surname.
    fn person(&self, rng: &mut Rng) -> &str {
        &self.surnames[self.common_surname.draw(rng)]
    }

    /// Where article `index` goes, relative to the library folder: most in `YYYY/MM/`, some at
    /// the top, as libraries gathered by hand are.
    pub fn path(&self, index: usize, header: &Header) -> PathBuf {
        let mut rng = Rng::for_article(self.seed, index as u64, 2);
        let slug: String = header
            .title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let name = format!("{index:07}-{slug}.txt");
        if rng.one_in(7) {
            PathBuf::from(name)
        } else {
            PathBuf::from(format!(
                "{}/{:02}/{name}",
                header.date.year(),
                header.date.month()
            ))
        }
    }

    /// The whole file of article `index` in the plain-text layout, appended to `out`.
    pub fn write_article(&self, index: usize, header: &Header, out: &mut String) {
        let mut rng = Rng::for_article(self.seed, index as u64, 1);
        // Some files start with a blank line, as the seed does.
        if rng.one_in(3) {
            out.push('\n');
        }
        let _ = write!(
            out,
            "{}\n\n{}\n\n{}\n\n",
            header.title,
            header.author,
            header.long_date()
        );
        let words = rng.between(300, 1_500);
        let mut paragraphs = Vec::new();
        let mut written = 0;
        while written < words {
            let mut p = String::new();
            written += paragraph(&mut rng, &self.authors, &mut p);
            paragraphs.push(p);
        }
        // A page break that split a sentence: one blank line where a space was, in one article
        // in four.
        if rng.one_in(4) && paragraphs.len() > 1 {
            let which = rng.below(paragraphs.len() - 1);
            page_break(&mut rng, &mut paragraphs[which]);
        }
        for p in paragraphs {
            out.push_str(&p);
            out.push_str("\n\n");
        }
    }
}

/// Breaks `paragraph` at a space inside a sentence, before a word in lower case.
fn page_break(rng: &mut Rng, paragraph: &mut String) {
    let bytes = paragraph.as_bytes();
    let spaces: Vec<usize> = (1..bytes.len().saturating_sub(1))
        .filter(|&i| {
            bytes[i] == b' '
                && bytes[i - 1].is_ascii_lowercase()
                && bytes[i + 1].is_ascii_lowercase()
        })
        .collect();
    if spaces.is_empty() {
        return;
    }
    let at = spaces[rng.below(spaces.len())];
    paragraph.replace_range(at..at + 1, "\n\n");
}

/// One paragraph of two to six sentences; returns its word count.
fn paragraph(rng: &mut Rng, authors: &[String], out: &mut String) -> usize {
    let mut words = 0;
    for s in 0..rng.between(2, 6) {
        if s > 0 {
            out.push(' ');
        }
        words += if rng.one_in(9) {
            quote(rng, authors, out)
        } else {
            sentence(rng, out)
        };
    }
    words
}

/// A sentence of plain prose, now and then with an `*italic*` name or a possessive.
fn sentence(rng: &mut Rng, out: &mut String) -> usize {
    let n = rng.between(8, 24);
    let comma = rng.below(n);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && i < n - 1 && rng.one_in(18) {
            out.push_str(rng.pick(PLACES));
            if rng.one_in(3) {
                out.push_str("’s");
            }
        } else if i > 0 && rng.one_in(120) {
            let _ = write!(
                out,
                "*The {} {}*",
                capital(rng.pick(ADJECTIVES)),
                capital(rng.pick(NOUNS))
            );
        } else {
            let word = rng.pick(BODY);
            if i == 0 {
                out.push_str(&capital(word));
            } else {
                out.push_str(word);
            }
        }
        if i == comma && i + 1 < n && i > 2 {
            out.push(',');
        }
    }
    out.push('.');
    n
}

/// A sentence someone said, in curly quotes.
fn quote(rng: &mut Rng, authors: &[String], out: &mut String) -> usize {
    out.push('“');
    let mut inner = String::new();
    let n = sentence(rng, &mut inner);
    inner.pop();
    out.push_str(&inner);
    let speaker = &authors[rng.below(authors.len())];
    let _ = write!(out, ",” said {speaker}.");
    n + 4
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A news-like title from a handful of headline shapes; most name a place, a firm or a person,
/// as real headlines do.
fn title(rng: &mut Rng, g: &Generator) -> String {
    let subject = rng.pick(SUBJECTS);
    let (verb, past) = rng.pick(VERBS);
    // Half the time a matter much in the news, half a topic of the library's with what is
    // done about it (`lottery reform`, `tanker ban`).
    let object = if rng.one_in(2) {
        rng.pick(OBJECTS).to_string()
    } else {
        format!("{} {}", g.topic(rng), rng.pick(MEASURES))
    };
    let place = g.place(rng);
    let noun = g.topic(rng);
    let adjective = rng.pick(ADJECTIVES);
    let tail = rng.pick(TAILS);
    let text = match rng.below(10) {
        0 => format!("{} {past} {object}", g.person(rng)),
        1 => format!("{place} {subject} {verb} {object} {tail}"),
        2 => format!("{adjective} {noun} {past} in {place}"),
        3 => format!("{place} and {} {verb} {object} deal", g.place(rng)),
        4 => format!("{place} {noun}: {subject} {verb} {object}"),
        5 => format!("Why {place} {subject} {verb} {object}"),
        6 => format!(
            "{subject} {verb} {object} as {} {}",
            g.topic(rng),
            rng.pick(VERBS).1
        ),
        7 => format!(
            "{} {subject} {past} after {place} {}",
            rng.between(2, 900),
            g.topic(rng)
        ),
        8 => format!("{place} {noun} {object} {tail}"),
        _ => format!("{}: {adjective} {object} {past} {tail}", g.person(rng)),
    };
    capital(&text)
}

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Adam",
    "Aisha",
    "Alan",
    "Alice",
    "Amara",
    "Ana",
    "Andrew",
    "Anna",
    "Ben",
    "Bianca",
    "Carlos",
    "Catherine",
    "Chen",
    "Chloe",
    "Daniel",
    "David",
    "Diego",
    "Elena",
    "Elif",
    "Emma",
    "Eric",
    "Fatima",
    "Felix",
    "Fiona",
    "Gabriel",
    "Grace",
    "Hannah",
    "Hassan",
    "Helen",
    "Hiro",
    "Ian",
    "Ines",
    "Isaac",
    "Ivan",
    "Jack",
    "James",
    "Jane",
    "Javier",
    "Jin",
    "Joanna",
    "John",
    "Jose",
    "Julia",
    "Kate",
    "Kenji",
    "Kim",
    "Kofi",
    "Laura",
    "Leila",
    "Liam",
    "Lucia",
    "Marco",
    "Maria",
    "Mark",
    "Marta",
    "Mei",
    "Michael",
    "Miguel",
    "Mina",
    "Nadia",
    "Naomi",
    "Nikolai",
    "Nina",
    "Noah",
    "Olga",
    "Omar",
    "Oscar",
    "Patrick",
    "Paul",
    "Pedro",
    "Peter",
    "Priya",
    "Rachel",
    "Rafael",
    "Rahul",
    "Rosa",
    "Ruth",
    "Sam",
    "Sara",
    "Sean",
    "Sofia",
    "Stefan",
    "Susan",
    "Tariq",
    "Thomas",
    "Tom",
    "Vera",
    "Victor",
    "Wei",
    "Yuki",
    "Yusuf",
    "Zara",
    "Zoe",
];

const LAST_NAMES: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Aguilar",
    "Ahmed",
    "Alvarez",
    "Andersen",
    "Baker",
    "Barnes",
    "Becker",
    "Bennett",
    "Bianchi",
    "Brennan",
    "Brooks",
    "Campbell",
    "Carter",
    "Castillo",
    "Chang",
    "Chavez",
    "Clarke",
    "Collins",
    "Costa",
    "Cruz",
    "Dalton",
    "Das",
    "Dubois",
    "Duncan",
    "Edwards",
    "Ellis",
    "Evans",
    "Fischer",
    "Fitzgerald",
    "Flores",
    "Foster",
    "Fraser",
    "Garcia",
    "Gallagher",
    "Gomez",
    "Gonzalez",
    "Graham",
    "Gupta",
    "Hall",
    "Hansen",
    "Harris",
    "Hayes",
    "Hoffmann",
    "Hughes",
    "Hussain",
    "Ibrahim",
    "Ivanova",
    "Jensen",
    "Johansson",
    "Kaur",
    "Kelly",
    "Kennedy",
    "Khan",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Lee",
    "Lopez",
    "Lindqvist",
    "Marsh",
    "Martin",
    "Mbeki",
    "McGrath",
    "McKenzie",
    "Mehta",
    "Mendes",
    "Meyer",
    "Molina",
    "Moreau",
    "Morgan",
    "Moretti",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Nowak",
    "Obi",
    "Okafor",
    "Oliveira",
    "O'Brien",
    "Ortiz",
    "Owens",
    "Park",
    "Patel",
    "Pereira",
    "Petrov",
    "Phillips",
    "Quinn",
    "Ramirez",
    "Reyes",
    "Richter",
    "Rivera",
    "Romano",
    "Rossi",
    "Russo",
    "Saito",
    "Santos",
    "Schmidt",
    "Schneider",
    "Shah",
    "Silva",
    "Singh",
    "Sokolov",
    "Sorensen",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Thompson",
    "Torres",
    "Turner",
    "Vargas",
    "Vasquez",
    "Volkov",
    "Wagner",
    "Walsh",
    "Wang",
    "Watanabe",
    "Weber",
    "Whitfield",
    "Wilson",
    "Wright",
    "Yamamoto",
    "Yilmaz",
    "Young",
    "Zhang",
    "Zhou",
    "Zielinski",
];

const SYLLABLES: &[&str] = &[
    "al", "an", "ar", "ba", "bel", "bri", "ca", "cor", "da", "del", "dor", "el", "en", "fal",
    "fen", "gar", "gol", "ha", "hol", "is", "ka", "kel", "kor", "la", "len", "lo", "ma", "mar",
    "mer", "mi", "mon", "na", "nem", "nor", "o", "or", "pa", "pen", "por", "ra", "ren", "ri", "ro",
    "sa", "sel", "sen", "ta", "tal", "ten", "tor", "u", "va", "ven", "vi", "wen", "za",
];

const PLACES: &[&str] = &[
    "Athens",
    "Auckland",
    "Baghdad",
    "Bangkok",
    "Beijing",
    "Berlin",
    "Bogota",
    "Brazil",
    "Britain",
    "Brussels",
    "Cairo",
    "Canada",
    "Chile",
    "China",
    "Delhi",
    "Egypt",
    "France",
    "Germany",
    "Greece",
    "Havana",
    "India",
    "Indonesia",
    "Iran",
    "Ireland",
    "Italy",
    "Jakarta",
    "Japan",
    "Kenya",
    "Kyiv",
    "Lagos",
    "Lima",
    "Lisbon",
    "London",
    "Madrid",
    "Manila",
    "Mexico",
    "Moscow",
    "Nairobi",
    "Nigeria",
    "Norway",
    "Ottawa",
    "Pakistan",
    "Paris",
    "Peru",
    "Poland",
    "Portugal",
    "Quebec",
    "Rome",
    "Russia",
    "Santiago",
    "Seoul",
    "Spain",
    "Sweden",
    "Sydney",
    "Taipei",
    "Texas",
    "Tokyo",
    "Turkey",
    "Ukraine",
    "Vienna",
    "Wales",
    "Warsaw",
];

const SUBJECTS: &[&str] = &[
    "ministers",
    "workers",
    "teachers",
    "nurses",
    "doctors",
    "farmers",
    "unions",
    "students",
    "residents",
    "miners",
    "pilots",
    "dockers",
    "officials",
    "regulators",
    "lawmakers",
    "senators",
    "judges",
    "voters",
    "tenants",
    "banks",
    "investors",
    "exporters",
    "carmakers",
    "airlines",
    "hospitals",
    "councils",
    "police",
    "protesters",
    "scientists",
    "engineers",
    "fishermen",
    "drivers",
    "retailers",
    "landlords",
    "pensioners",
    "refugees",
    "generals",
    "diplomats",
    "prosecutors",
    "economists",
];

const VERBS: &[(&str, &str)] = &[
    ("reject", "rejected"),
    ("back", "backed"),
    ("oppose", "opposed"),
    ("demand", "demanded"),
    ("approve", "approved"),
    ("block", "blocked"),
    ("delay", "delayed"),
    ("defend", "defended"),
    ("question", "questioned"),
    ("challenge", "challenged"),
    ("welcome", "welcomed"),
    ("criticise", "criticised"),
    ("expand", "expanded"),
    ("cut", "cut"),
    ("halt", "halted"),
    ("resume", "resumed"),
    ("probe", "probed"),
    ("launch", "launched"),
    ("seek", "sought"),
    ("win", "won"),
    ("lose", "lost"),
    ("fight", "fought"),
    ("quit", "quit"),
    ("sign", "signed"),
    ("scrap", "scrapped"),
    ("extend", "extended"),
    ("freeze", "froze"),
    ("raise", "raised"),
    ("review", "reviewed"),
    ("warn on", "warned on"),
    ("push for", "pushed for"),
    ("vote on", "voted on"),
    ("split over", "split over"),
    ("rally against", "rallied against"),
    ("strike over", "struck over"),
];

const OBJECTS: &[&str] = &[
    "pension reform",
    "wage deal",
    "rail strike",
    "budget cuts",
    "tax plan",
    "housing bill",
    "climate targets",
    "trade pact",
    "border checks",
    "school closures",
    "hospital funding",
    "energy prices",
    "water charges",
    "fuel subsidies",
    "mining permits",
    "port expansion",
    "bank bailout",
    "election rules",
    "health insurance",
    "rent controls",
    "steel tariffs",
    "farm subsidies",
    "arms sales",
    "data law",
    "privacy rules",
    "bus fares",
    "flood defences",
    "nuclear plant",
    "airport runway",
    "police powers",
    "asylum rules",
    "minimum wage",
    "coal phaseout",
    "debt relief",
    "interest rates",
    "oil drilling",
    "fishing quotas",
    "press freedom",
    "court reform",
    "ceasefire talks",
    "peace plan",
    "vaccine rollout",
    "drug prices",
    "power grid",
    "bridge repairs",
    "tram line",
    "metro extension",
    "forest logging",
    "copper exports",
    "grain shipments",
    "chip factory",
    "layoffs",
    "overtime pay",
    "sick leave",
    "student loans",
    "tuition fees",
    "child care",
    "sanctions",
    "intelligence sharing",
    "troop withdrawal",
    "missile defence",
    "ferry service",
    "harbour dredging",
    "reservoir plan",
    "gas pipeline",
    "wind farms",
    "solar tariffs",
];

/// What is done about a topic, after it in a title's object.
const MEASURES: &[&str] = &[
    "plan",
    "bill",
    "deal",
    "talks",
    "reform",
    "fund",
    "ban",
    "probe",
    "rules",
    "scheme",
    "cuts",
    "review",
    "inquiry",
    "levy",
    "subsidies",
    "licences",
    "charges",
    "strike",
    "contract",
    "funding",
];

const NOUNS: &[&str] = &[
    "budget",
    "summit",
    "inquiry",
    "scandal",
    "crisis",
    "protest",
    "strike",
    "election",
    "referendum",
    "report",
    "audit",
    "verdict",
    "lawsuit",
    "merger",
    "takeover",
    "recession",
    "inflation",
    "drought",
    "flood",
    "wildfire",
    "earthquake",
    "storm",
    "outbreak",
    "shortage",
    "boom",
    "collapse",
    "recovery",
    "rally",
    "walkout",
    "blockade",
    "ceasefire",
    "treaty",
    "coalition",
    "cabinet",
    "parliament",
    "council",
    "union",
    "court",
    "tribunal",
    "agency",
    "harbour",
    "railway",
    "factory",
    "mine",
    "refinery",
    "reservoir",
    "market",
    "currency",
    "pension",
    "housing",
    "transport",
    "energy",
    "water",
    "climate",
    "trade",
    "border",
    "security",
    "defence",
    "health",
    "education",
    "science",
    "culture",
    "sport",
    "football",
    "music",
    "film",
    "theatre",
    "museum",
    "library",
    "festival",
    "census",
    "survey",
    "poll",
    "vote",
    "debate",
    "speech",
    "leak",
    "hack",
    "satellite",
    "rocket",
    "bridge",
    "tunnel",
    "highway",
    "airport",
    "port",
    "ferry",
    "tram",
    "dockyard",
    "steelworks",
    "shipyard",
];

/// What the news is about beyond `NOUNS`: words a headline names, one per word, the common and
/// the rare together (each library draws its own few common ones).
const TOPICS: &str = "abattoir abbey abduction abortion academy accident accord accountant acquittal activist \
    actor adoption advert aerospace affair aftershock agenda agriculture aid aircraft airfield \
    airline airspace alliance allowance ambassador ambulance amendment amnesty anthem appeal \
    aquarium arbitration archbishop archive arena armistice army arrest arson artist asbestos \
    assassination assembly asylum athlete auction austerity autopsy avalanche aviation award \
    backlog bailiff ballot bandwidth bankruptcy baptism barracks barrier basketball battery \
    battlefield beach beekeeper benefit bicycle biennale billionaire biodiversity birthday \
    bishop blackout blizzard blogger bombing bond bonus bookshop border boxing boycott brewery \
    bribery brigade broadband broadcaster brothel buffer bulletin bunker bureaucracy burglary \
    bursary bypass cabaret campaign campus canal cancer candidate canteen capital cardinal cargo \
    carnival cartel casino castle cathedral cattle cemetery ceremony champion chancellor charity \
    checkpoint chemist childcare chlorine choir cholera church cinema circus citizenship clinic \
    coalfield coastguard cocaine colonel comedian commission commuter compensation competition \
    composer concert conclave conference congress conscription constitution consulate contract \
    convoy copyright coroner corruption cosmetics cottage counterfeit coup courier covenant \
    cricket crossing cruise curfew customs cyclone cyclist dairy dancer database deadline dealer \
    default deficit deforestation delegation demolition dentist deportation deposit deputy \
    desert detention devolution dialysis dictator diesel diocese diploma disability disaster \
    discount dispute distillery dividend dockworker donation donor dossier dowry drone dynasty \
    ecology economy editor electorate embargo embassy emigration emission empire enclave \
    encryption enquiry envoy epidemic equality estate estuary ethics euro evacuation eviction \
    excavation exhibition exodus expedition explosion extradition famine fashion federation \
    fellowship fertiliser fiesta firework fishery flotilla footbridge forecast forgery fortress \
    fossil foundation fracking franchise fraud freight frontier fugitive fundraiser funeral \
    gallery gambling garrison gasworks genocide glacier goldmine governor graduate granary \
    graveyard greenhouse guerrilla gunman hailstorm handball hangar harvest hatchery headmaster \
    heatwave helicopter heritage heroin highland hijack hockey holiday homeless hospice hostage \
    hotel hurricane hydropower immigration impeachment incinerator indictment infantry inflation \
    inheritance injunction inmate inquest insurgency internet interpreter invasion irrigation \
    island jackpot jail jockey journalist jubilee junta jury kidnapping kindergarten laboratory \
    labour landfill landslide language lawyer lease legacy legislature levy liberty licence \
    lighthouse lithium livestock lobbyist lockdown lottery magistrate malaria manifesto \
    manuscript marathon marina massacre mayor meadow measles medal memorial midwife migrant \
    militia millionaire minister mining monastery monopoly monsoon monument mortgage mosque \
    motorway mountain municipality mural mutiny narcotics navy neighbourhood newspaper nightclub \
    nomination novelist nursery oilfield olympics opera orchard orchestra orphanage outpost \
    overpass pageant painter pandemic parade paramedic parish parole passport pasture patent \
    patrol payroll peacekeeper penalty penitentiary petition pharmacy pilgrimage pipeline piracy \
    plantation playground plebiscite poaching podcast poet pollution pontiff poverty precinct \
    pregnancy premier prison privatisation prize probation professor propaganda prophet \
    prosecution prostitution province publisher quarantine quarry quota racism radiation radio \
    raid ransom ratings reactor rebellion recall reef referee refinery reform regatta regime \
    rehab relief remittance rescue reshuffle reunion revenue revolt riot rival robbery rugby \
    ruling sabotage salary salmon sanatorium scholarship seabed seaport senate settlement sewage \
    shelter sheriff shipwreck shooting shrine siege silver skyscraper slavery slum smuggling \
    snowfall software soldier spacecraft speaker stadium stampede startup statue stock subsidy \
    suburb subway succession suicide supermarket surgeon surveillance swimmer synagogue tanker \
    tariff taxi telescope television temple tenancy terminal terrorism textile thief timber \
    tobacco tornado tourism tournament township toxin tractor trafficking tragedy trainee \
    trawler treasury trial tribe trophy tsunami tycoon typhoon unemployment uniform university \
    uprising vaccine vandalism veteran viaduct village vineyard violence visa volcano volunteer \
    warehouse warlord warship waterfront weapon wedding welfare wetland whaling whistleblower \
    widow windfall winery wrestler youth zoning";

const ADJECTIVES: &[&str] = &[
    "new",
    "old",
    "secret",
    "fragile",
    "bitter",
    "quiet",
    "rising",
    "falling",
    "record",
    "historic",
    "rural",
    "urban",
    "coastal",
    "northern",
    "southern",
    "eastern",
    "western",
    "national",
    "regional",
    "local",
    "global",
    "emergency",
    "temporary",
    "costly",
    "deadly",
    "disputed",
    "landmark",
    "surprise",
    "failed",
    "delayed",
    "long",
    "short",
    "grand",
    "small",
    "major",
    "minor",
    "final",
    "first",
    "second",
    "annual",
];

const TAILS: &[&str] = &[
    "after talks",
    "amid protests",
    "for second year",
    "despite warnings",
    "before winter",
    "after vote",
    "as prices rise",
    "in landmark ruling",
    "under pressure",
    "at last",
    "for now",
    "after years of delay",
    "as deadline nears",
    "without debate",
    "over summer",
    "in court",
    "in final hours",
    "after inquiry",
    "as talks stall",
    "in surprise move",
];

const BODY: &[&str] = &[
    "the",
    "the",
    "the",
    "the",
    "of",
    "of",
    "of",
    "and",
    "and",
    "and",
    "to",
    "to",
    "to",
    "a",
    "a",
    "in",
    "in",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "has",
    "have",
    "had",
    "it",
    "its",
    "their",
    "they",
    "he",
    "she",
    "which",
    "this",
    "but",
    "not",
    "be",
    "been",
    "were",
    "are",
    "will",
    "would",
    "could",
    "more",
    "than",
    "over",
    "after",
    "before",
    "under",
    "against",
    "between",
    "while",
    "since",
    "during",
    "government",
    "minister",
    "officials",
    "workers",
    "company",
    "companies",
    "country",
    "region",
    "city",
    "people",
    "report",
    "plan",
    "policy",
    "year",
    "years",
    "week",
    "month",
    "months",
    "day",
    "time",
    "number",
    "percent",
    "million",
    "billion",
    "price",
    "prices",
    "cost",
    "costs",
    "budget",
    "public",
    "private",
    "national",
    "local",
    "foreign",
    "economic",
    "political",
    "military",
    "social",
    "financial",
    "new",
    "recent",
    "last",
    "next",
    "first",
    "former",
    "major",
    "large",
    "small",
    "high",
    "low",
    "long",
    "said",
    "says",
    "told",
    "announced",
    "agreed",
    "warned",
    "claimed",
    "added",
    "noted",
    "argued",
    "expected",
    "planned",
    "began",
    "ended",
    "continued",
    "increased",
    "reduced",
    "raised",
    "cut",
    "opened",
    "closed",
    "held",
    "made",
    "took",
    "gave",
    "found",
    "showed",
    "reported",
    "described",
    "called",
    "remained",
    "deal",
    "talks",
    "agreement",
    "law",
    "bill",
    "vote",
    "election",
    "party",
    "leader",
    "leaders",
    "president",
    "council",
    "court",
    "union",
    "unions",
    "strike",
    "protest",
    "protests",
    "crisis",
    "conditions",
    "pressure",
    "support",
    "opposition",
    "decision",
    "statement",
    "meeting",
    "members",
    "jobs",
    "wages",
    "pay",
    "pensions",
    "housing",
    "health",
    "schools",
    "hospitals",
    "energy",
    "water",
    "trade",
    "market",
    "markets",
    "growth",
    "debt",
    "banks",
    "investment",
    "industry",
    "production",
    "services",
    "security",
    "defence",
    "border",
    "police",
    "forces",
    "war",
    "peace",
    "talks",
    "sources",
    "analysts",
    "critics",
    "residents",
    "families",
    "children",
    "communities",
    "areas",
    "plans",
    "measures",
    "changes",
    "costs",
    "figures",
    "data",
    "evidence",
    "questions",
    "concerns",
    "issues",
    "already",
    "also",
    "still",
    "only",
    "even",
    "now",
    "then",
    "again",
    "further",
    "however",
    "nearly",
    "about",
    "around",
    "some",
    "many",
    "most",
    "several",
    "both",
    "each",
    "other",
    "such",
    "those",
    "these",
    "what",
    "when",
    "where",
    "who",
    "whether",
    "because",
    "although",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_headers_and_another_seed_others() {
        let a = Generator::new(1);
        let b = Generator::new(1);
        let c = Generator::new(2);
        let headers = |g: &Generator| (0..50).map(|i| g.header(i)).collect::<Vec<_>>();
        assert_eq!(headers(&a), headers(&b));
        assert_ne!(headers(&a), headers(&c));
        assert_eq!(a.authors().len(), AUTHORS);
    }

    #[test]
    fn dates_span_25_years_and_titles_vary() {
        let g = Generator::new(3);
        let headers: Vec<Header> = (0..5_000).map(|i| g.header(i)).collect();
        let years: std::collections::BTreeSet<i16> =
            headers.iter().map(|h| h.date.year()).collect();
        assert_eq!(years.first(), Some(&2001));
        assert_eq!(years.last(), Some(&2025));
        assert_eq!(years.len(), 25);
        let titles: std::collections::HashSet<&str> =
            headers.iter().map(|h| h.title.as_str()).collect();
        assert!(titles.len() > 4_900, "{} distinct titles", titles.len());
        assert!(headers.iter().all(|h| !h.line().contains('\n')));
        let authors: std::collections::HashSet<&str> =
            headers.iter().map(|h| h.author.as_str()).collect();
        assert!(authors.len() > 1_000, "{} authors used", authors.len());
    }

    #[test]
    fn names_are_few_common_and_many_rare() {
        let g = Generator::new(5);
        let mut per_author = std::collections::HashMap::new();
        let mut words = std::collections::HashMap::new();
        for i in 0..20_000 {
            let h = g.header(i);
            for w in h.title.split(|c: char| !c.is_alphabetic()) {
                *words.entry(w.to_lowercase()).or_insert(0usize) += 1;
            }
            *per_author.entry(h.author).or_insert(0usize) += 1;
        }
        // Titles draw on a large vocabulary, most of it rare.
        let once = words.values().filter(|&&n| n == 1).count();
        assert!(words.len() > 5_000, "{} distinct title words", words.len());
        assert!(
            once * 3 > words.len(),
            "{once} of {} words once",
            words.len()
        );
        let mut counts: Vec<usize> = per_author.values().copied().collect();
        counts.sort_unstable();
        let top = *counts.last().unwrap();
        // The most prolific byline writes a share a real one might (about one in sixty), and
        // the typical byline a handful.
        assert!((100..=600).contains(&top), "top byline wrote {top}");
        let median = counts[counts.len() / 2];
        assert!((2..=10).contains(&median), "median byline wrote {median}");
        // A common surname is shared by many bylines; most surnames by one.
        let mut per_surname = std::collections::HashMap::new();
        for a in g.authors() {
            let surname = a.rsplit(' ').next().unwrap();
            *per_surname.entry(surname).or_insert(0usize) += 1;
        }
        let shared = per_surname.values().max().copied().unwrap_or(0);
        let alone = per_surname.values().filter(|&&n| n == 1).count();
        assert!(shared >= 10, "commonest surname: {shared} bylines");
        assert!(
            alone * 2 > per_surname.len(),
            "{alone} of {}",
            per_surname.len()
        );
        let z = Zipf::new(10, 1.0);
        let mut rng = Rng::new(1);
        let mut seen = [0usize; 10];
        for _ in 0..10_000 {
            seen[z.draw(&mut rng)] += 1;
        }
        assert!(
            seen[0] > seen[4] && seen[4] > seen[9] && seen[9] > 0,
            "{seen:?}"
        );
    }

    #[test]
    fn bodies_are_long_enough_and_some_carry_page_breaks() {
        let g = Generator::new(4);
        let mut broken = 0;
        for i in 0..40 {
            let h = g.header(i);
            let mut text = String::new();
            g.write_article(i, &h, &mut text);
            let body_words = text.split_whitespace().count();
            assert!((300..1_700).contains(&body_words), "{body_words}");
            // A paragraph that starts in lower case follows a page break.
            if text
                .split("\n\n")
                .any(|p| p.starts_with(|c: char| c.is_ascii_lowercase()))
            {
                broken += 1;
            }
        }
        assert!(
            (3..30).contains(&broken),
            "{broken} of 40 have a page break"
        );
    }
}
