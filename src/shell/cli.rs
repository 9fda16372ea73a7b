//! The command line as clap reads it: arguments, subcommands and their help.
//!
//! These are the raw values (`lowargs` in ripgrep's terms). They are checked and combined with
//! the environment and the config into a typed plan by `crate::shell::plan`, and nothing past
//! that step sees them; [`crate::shell::run`] carries the plan out.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::query::rank::Sort;
use crate::shell::listing::{Field, Format};

/// A terminal reader for your local library of news articles.
#[derive(Debug, Parser)]
#[command(
    name = "byline",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "\
With stdout not a terminal (a pipe, a file), byline with no command prints the list as
`byline list` does: `byline ~/news | grep -i harbour`.

Where the library is: PATH or --library, else $BYLINE_LIBRARY, else <data dir>/byline/library.
When none is named and the data folder holds no article, byline opens its built-in sample library.

Examples:
  byline                          open the reader
  byline ~/news                   read the articles under ~/news
  byline list --query 'dec 2014'  print the articles that match a query
  byline show 3f9a2c1d            print one article, set to 80 columns
  byline check                    list the files that are not usable articles"
)]
pub struct Cli {
    /// Library folders (or article files) to read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub library: LibraryArgs,

    #[command(flatten)]
    pub typeset: TypesetArgs,

    /// The theme to use (`byline themes` lists them); the config's, else `default`.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// The config file to read instead of <config dir>/byline/config.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Colour: auto (on a terminal, none when NO_COLOR is set), always, or never (the mono
    /// theme; plain `list` tables).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Start clean: not where the last session left off (its filter, view, sort and article).
    #[arg(long)]
    pub fresh: bool,

    /// Say on stderr which config, library, index and state a command uses.
    #[arg(long, short, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How articles are set.
#[derive(Debug, Args)]
pub struct TypesetArgs {
    /// The widest the text column gets, in columns (narrower panes wrap to the pane); the
    /// config's, else 80.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
    pub measure: Option<u16>,
    /// Justify paragraphs (the last line of each stays ragged); `J` toggles it while reading.
    #[arg(long)]
    pub justify: bool,
    /// Break long words at their syllables (English patterns); `H` toggles it while reading.
    #[arg(long)]
    pub hyphenate: bool,
}

/// Where to read articles from.
#[derive(Debug, Args)]
pub struct LibraryArgs {
    /// A library folder (or article file) to read; repeat for more.
    #[arg(long = "library", short = 'L', value_name = "PATH")]
    pub library: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the articles, newest first, or those matching a query, best first.
    #[command(after_help = "\
Formats: table (the default on a terminal): columns fitted to its width ($COLUMNS, else 80, off
one), a header, colour only on a terminal. tsv (the default in a pipe): one article a line,
fields separated by tabs, no header; a missing value is -, tags are joined by commas, and a
backslash, tab, line feed or carriage return in a value is written \\, \t, \n or \r. json: one
array, an object a line. jsonl: one object a line. In JSON a missing value is null.

Fields (--fields, comma-separated, in the order wanted): id, title, author, date, path, source,
tags, url, words, read, starred. table and tsv print id,date,author,title unless told; json and
jsonl print them all.

Exits 1 when no article matched, as grep does.

Examples:
  byline list --library ~/news
  byline list --query 'mcgrath korea' --limit 5
  byline list --format jsonl | jq -r .title
  byline list --fields date,title --format tsv | sort
  byline list --json | jq '.[0].title'")]
    List(ListArgs),
    /// Print one article, set as the reader sets it (repaired, links numbered).
    #[command(after_help = "\
ID is an article's id from `byline list`, or a unique start of one; PATH an article's file.

On a terminal the text is styled (bold, italic) and goes through $PAGER (else `less -R`) when
it is longer than the screen; in a pipe it is plain text. --raw prints the file's text as byline
read it (decoded, control characters removed) with no repair: the whole file, for an article
that is one record of a JSON file.

Examples:
  byline show 3f9a2c1d
  byline show ~/news/harbour.txt
  byline show 3f9a --width 60 --library ~/news | less
  byline show 3f9a --raw")]
    Show(ShowArgs),
    /// Read the whole library and name every file that is not a usable article.
    #[command(after_help = "\
Prints `path: reason` for each problem; exits 1 when there are any, 0 when the library is clean.

Examples:
  byline check
  byline check --library ~/news --library ~/archive")]
    Check(CheckArgs),
    /// Bring the library's index up to date, and say where it is and what it holds.
    #[command(after_help = "\
byline keeps an index of each library's metadata in <cache dir>/byline/ (~/.cache/byline on
Linux) and reads again only the files whose size, modification time or inode changed. The index
is a cache: deleting it loses nothing. --rebuild reads every file again, for the rare edit the
check cannot see (a file rewritten in place within the same second, keeping its size).

Beside it goes the full-text index that `text:` (`x:`) terms search (docs/query.md): every
article's body, word by word, in SQLite FTS5. It too is refreshed file by file, shows its
progress on a terminal, and is rebuilt when damaged or from another version. --status says
how big and how fresh both are, changing nothing.

Examples:
  byline index
  byline index --rebuild --library ~/news
  byline index --status")]
    Index(IndexArgs),
    /// What byline remembers: read marks, stars, places in articles, queries.
    #[command(subcommand)]
    State(StateCommand),
    /// The config file: where it is read from; `--default` prints the defaults, `--write` writes them.
    #[command(after_help = "\
--write writes the commented defaults where byline reads its config (--config PATH, else
<config dir>/byline/config.toml), making the folder; it never writes over a file that is there.

Examples:
  byline config            (says where the config is read from)
  byline config --write    (writes the defaults there, to edit)
  byline config --default | less")]
    Config(ConfigArgs),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    #[command(after_help = "\
Examples:
  byline completions bash > ~/.local/share/bash-completion/completions/byline
  byline completions zsh > ~/.zfunc/_byline     (with fpath+=~/.zfunc before compinit)
  byline completions fish > ~/.config/fish/completions/byline.fish")]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print byline's manual page (roff), or a command's, for `man -l` or a man folder.
    #[command(after_help = "\
Examples:
  byline man | man -l -
  byline man list | man -l -
  byline man > ~/.local/share/man/man1/byline.1")]
    Man {
        /// A command's page (byline-list(1)) instead of byline(1).
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
    /// Write a feed's entries into the library as Markdown articles (RSS, Atom, JSON Feed).
    #[command(after_help = "\
Reads an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document from FILE, or from standard input
with -, and writes each entry as a Markdown article with front matter under
<DIR>/<feed name>/<YYYY-MM-DD>-<title>.md. DIR is --into, else the first library folder the
config or $BYLINE_LIBRARY names. This is the only command that writes into a library: it never
writes over a file and never outside DIR.

Importing again writes only the entries not imported before (known by their id, else their link,
else their title and date). An entry the feed has a newer version of is written beside the old
one with --update, and only counted without it.

Prints a line per file written (path, a tab, the title) and a summary; notes on entries without
a title or date go to stderr. Exits 1 when the feed holds no entries, 2 when it cannot be read.

byline never fetches from the network: fetch with your own tools. --opml FILE lists the feeds an
OPML subscription list names (title, a tab, the address), to fetch each.

Examples:
  curl -s https://example.org/feed.xml | byline import - --into ~/news
  byline import saved-feed.xml --dry-run
  byline import --opml subscriptions.opml")]
    Import(ImportArgs),
    /// List the themes: built in, and yours in <config dir>/byline/themes/.
    #[command(after_help = "\
Examples:
  byline themes
  byline --theme gruvbox-dark")]
    Themes,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the default config, with every setting explained.
    #[arg(long, conflicts_with = "write")]
    pub default: bool,
    /// Write the default config where byline reads it, unless a file is there.
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// Print all of it as JSON, for backups and scripts.
    #[command(after_help = "\
Prints {\"read\": [ids], \"starred\": [ids], \"positions\": {id: [block, offset]},
\"history\": [queries]} from <data dir>/byline/state.db.

Examples:
  byline state export > byline-state.json
  byline state export | jq '.starred | length'")]
    Export,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The feed's file, or - for standard input.
    #[arg(value_name = "FILE|-", required_unless_present = "opml")]
    pub file: Option<PathBuf>,
    /// The folder to write into (the feed gets a folder of its own inside it).
    #[arg(long, value_name = "DIR", conflicts_with = "opml")]
    pub into: Option<PathBuf>,
    /// Print what would be written, and write nothing.
    #[arg(long, conflicts_with = "opml")]
    pub dry_run: bool,
    /// Write newer versions of entries imported before, beside them.
    #[arg(long, conflicts_with = "opml")]
    pub update: bool,
    /// List the feeds an OPML file names instead (title and address, a line each).
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    pub opml: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Forget the index and read every file again.
    #[arg(long, conflicts_with = "status")]
    pub rebuild: bool,
    /// Say how big the indexes are and how fresh, without changing them.
    #[arg(long)]
    pub status: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Only articles matching this query (the filter line's syntax: docs/query.md).
    #[arg(
        long,
        short,
        value_name = "QUERY",
        default_value = "",
        allow_hyphen_values = true
    )]
    pub query: String,
    /// The order with no query, and between equal matches with one (the config's, else newest).
    #[arg(long, short, value_enum)]
    pub sort: Option<SortArg>,
    /// Only articles not read yet.
    #[arg(long, conflicts_with = "starred")]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// How to print: table, tsv, json or jsonl (a terminal gets a table, a pipe tsv).
    #[arg(long, short, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print at most N articles.
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
    /// The fields to print, comma-separated (see below).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<Field>,
}

impl ListArgs {
    /// `byline list` with no option but the libraries: what `byline PATH…` is off a terminal.
    pub fn of(library: Vec<PathBuf>) -> Self {
        Self {
            library: LibraryArgs { library },
            query: String::new(),
            sort: None,
            unread: false,
            starred: false,
            format: None,
            json: false,
            limit: None,
            fields: Vec::new(),
        }
    }
}

/// The list orders, as `--sort` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Newest,
    Oldest,
    Title,
    Author,
}

impl From<SortArg> for Sort {
    fn from(sort: SortArg) -> Sort {
        match sort {
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
            SortArg::Title => Sort::Title,
            SortArg::Author => Sort::Author,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id (or a unique start of it), or its file.
    #[arg(value_name = "ID|PATH")]
    pub id: String,
    /// Print the file's text as read (decoded, cleaned), not set and not repaired.
    #[arg(long, conflicts_with_all = ["width", "measure", "justify", "hyphenate"])]
    pub raw: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
    /// Set the text to this many columns (default: the terminal's, at most the measure).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(10..))]
    pub width: Option<u16>,
    #[command(flatten)]
    pub typeset: TypesetArgs,
}
