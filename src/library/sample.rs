//! The built-in sample library, compiled into the binary so a fresh install has something to
//! read. The articles are byline's own (`src/sample/`), laid out like real files, flaws and all:
//! page-break splits, hard-wrapped lines, subheadings, a publisher footer, `*italic*`, tabs.

/// File name and text of each sample article.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "01-harbour-line-tram-carries-first-passengers.txt",
        include_str!("../sample/01-harbour-line-tram-carries-first-passengers.txt"),
    ),
    (
        "02-westmere-library-reopens-after-roof-collapse.txt",
        include_str!("../sample/02-westmere-library-reopens-after-roof-collapse.txt"),
    ),
    (
        "03-drought-leaves-kestle-bay-harbour-stranded.txt",
        include_str!("../sample/03-drought-leaves-kestle-bay-harbour-stranded.txt"),
    ),
    (
        "04-teenager-takes-calderport-open-chess-title.txt",
        include_str!("../sample/04-teenager-takes-calderport-open-chess-title.txt"),
    ),
    (
        "05-payroll-startup-tallyfin-confirms-breach.txt",
        include_str!("../sample/05-payroll-startup-tallyfin-confirms-breach.txt"),
    ),
    (
        "06-reef-survey-finds-patchy-recovery.txt",
        include_str!("../sample/06-reef-survey-finds-patchy-recovery.txt"),
    ),
    (
        "07-breakthrough-in-brennock-rail-tunnel.txt",
        include_str!("../sample/07-breakthrough-in-brennock-rail-tunnel.txt"),
    ),
    (
        "08-bakers-club-together-to-save-last-bread-oven.txt",
        include_str!("../sample/08-bakers-club-together-to-save-last-bread-oven.txt"),
    ),
    (
        "09-harrowmoor-named-dark-sky-reserve.txt",
        include_str!("../sample/09-harrowmoor-named-dark-sky-reserve.txt"),
    ),
    (
        "10-recount-delays-westmere-and-vale-result.txt",
        include_str!("../sample/10-recount-delays-westmere-and-vale-result.txt"),
    ),
    (
        "11-work-begins-on-marrow-estuary-flood-barrier.txt",
        include_str!("../sample/11-work-begins-on-marrow-estuary-flood-barrier.txt"),
    ),
    (
        "12-translator-wins-meridian-prize.txt",
        include_str!("../sample/12-translator-wins-meridian-prize.txt"),
    ),
    (
        "13-ferry-and-freight-crews-strike.txt",
        include_str!("../sample/13-ferry-and-freight-crews-strike.txt"),
    ),
    (
        "14-science-museum-opens-robotics-gallery.txt",
        include_str!("../sample/14-science-museum-opens-robotics-gallery.txt"),
    ),
];
