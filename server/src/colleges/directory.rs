//! The published directory held in memory. Searches scan it with the shared
//! filter rules; writes go to the database and then call [`Directory::reload`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use api::colleges::query::{compare, names_or_places, place_text, search_text};
use api::{
    College, CollegeList, CollegeQuery, CollegeStatus, CollegeSummary, CountryCount, MapPoint,
    MapPoints, Sort, Stats,
};
use sqlx::SqlitePool;

use super::store;

#[derive(Default)]
pub struct Directory {
    snapshot: RwLock<Arc<Snapshot>>,
}

#[derive(Default)]
struct Snapshot {
    colleges: Vec<College>,
    /// Each college's folded search text, by the same index.
    haystacks: Vec<String>,
    /// The same without the host, which ranks the matches.
    place_texts: Vec<String>,
    by_slug: HashMap<String, usize>,
    /// Indexes into `colleges` in each sort order, computed once per load.
    orders: HashMap<Sort, Vec<usize>>,
    stats: Stats,
    /// Each college's JSON as a feed renders it, made once per snapshot on
    /// first use (see [`Directory::select_rendered`]).
    rendered: std::sync::OnceLock<Arc<Vec<Box<serde_json::value::RawValue>>>>,
}

impl Snapshot {
    fn new(colleges: Vec<College>) -> Self {
        let haystacks = colleges.iter().map(search_text).collect();
        let place_texts = colleges.iter().map(place_text).collect();
        let by_slug = colleges
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.clone(), i))
            .collect();
        let orders = Sort::ALL
            .into_iter()
            .map(|sort| {
                let mut order: Vec<usize> = (0..colleges.len()).collect();
                order.sort_by(|&a, &b| compare(sort, &colleges[a], &colleges[b]));
                (sort, order)
            })
            .collect();
        let stats = stats_of(&colleges);
        Self {
            colleges,
            haystacks,
            place_texts,
            by_slug,
            orders,
            stats,
            rendered: std::sync::OnceLock::new(),
        }
    }
}

impl Directory {
    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Replaces the in-memory directory with the database's published colleges.
    pub async fn reload(&self, db: &SqlitePool) -> Result<(), sqlx::Error> {
        let colleges = store::published(db).await?;
        let snapshot = Arc::new(Snapshot::new(colleges));
        *self
            .snapshot
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = snapshot;
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.current().colleges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, slug: &str) -> Option<College> {
        let snap = self.current();
        snap.by_slug.get(slug).map(|&i| snap.colleges[i].clone())
    }

    /// The colleges that share their survey results (with the network or
    /// the public).
    pub fn sharing(&self) -> Vec<College> {
        let snap = self.current();
        snap.colleges
            .iter()
            .filter(|c| c.sharing.pools())
            .cloned()
            .collect()
    }

    pub fn stats(&self) -> Stats {
        self.current().stats.clone()
    }

    /// One page of the colleges matching `query`, in its order.
    pub fn search(&self, query: &CollegeQuery) -> CollegeList {
        let snap = self.current();
        let per_page = query.per_page.max(1) as usize;
        let skip = (query.page.max(1) as usize - 1) * per_page;
        let distance = |i: usize| {
            query
                .near
                .map(|p| p.distance_km(snap.colleges[i].lat, snap.colleges[i].lon))
        };
        let summary = |i: usize| CollegeSummary {
            distance_km: distance(i).map(|d| (d * 10.0).round() / 10.0),
            ..CollegeSummary::from(&snap.colleges[i])
        };
        let (total, colleges) = if query.sort == Sort::Distance {
            // Distances depend on the query: filter, then order them all.
            let mut matched: Vec<(f64, usize)> = snap
                .matching(query, Sort::Name)
                .map(|i| (distance(i).unwrap_or(0.0), i))
                .collect();
            matched.sort_by(|a, b| a.0.total_cmp(&b.0));
            let page = matched
                .iter()
                .skip(skip)
                .take(per_page)
                .map(|&(_, i)| summary(i));
            (matched.len(), page.collect())
        } else if query.sort == Sort::Name && !query.terms().is_empty() {
            // A search by words: colleges whose name or place has them all
            // first, then those found through their host, each by name.
            let terms = query.terms();
            let (mut ranked, by_host): (Vec<usize>, Vec<usize>) = snap
                .matching(query, Sort::Name)
                .partition(|&i| names_or_places(&snap.place_texts[i], &terms));
            ranked.extend(by_host);
            let page = ranked.iter().skip(skip).take(per_page).map(|&i| summary(i));
            (ranked.len(), page.collect())
        } else {
            let mut total = 0;
            let mut page = Vec::new();
            for i in snap.matching(query, query.sort) {
                if total >= skip && page.len() < per_page {
                    page.push(summary(i));
                }
                total += 1;
            }
            (total, page)
        };
        CollegeList {
            total: total as u32,
            page: query.page.max(1),
            per_page: per_page as u32,
            colleges,
        }
    }

    /// The colleges, closed ones too, passing `keep` (given each college and
    /// its folded search text), by name: how many there are, and `take` of
    /// them after the first `skip`.
    pub fn select(
        &self,
        mut keep: impl FnMut(&College, &str) -> bool,
        skip: usize,
        take: usize,
    ) -> (usize, Vec<College>) {
        let snap = self.current();
        let mut total = 0;
        let mut page = Vec::new();
        for &i in &snap.orders[&Sort::Name] {
            if keep(&snap.colleges[i], &snap.haystacks[i]) {
                if total >= skip && page.len() < take {
                    page.push(snap.colleges[i].clone());
                }
                total += 1;
            }
        }
        (total, page)
    }

    /// As [`Self::select`], but each college as `render` makes its JSON
    /// (answered as all of them and the indexes of the page's),
    /// rendered once per directory snapshot: the Open Referral feed's
    /// service summaries, which change only when the directory does. One
    /// renderer per server (the first one given is kept).
    pub fn select_rendered(
        &self,
        mut keep: impl FnMut(&College, &str) -> bool,
        skip: usize,
        take: usize,
        render: fn(&College) -> Box<serde_json::value::RawValue>,
    ) -> (
        usize,
        Arc<Vec<Box<serde_json::value::RawValue>>>,
        Vec<usize>,
    ) {
        let snap = self.current();
        let rendered = snap
            .rendered
            .get_or_init(|| Arc::new(snap.colleges.iter().map(render).collect()))
            .clone();
        let mut total = 0;
        let mut page = Vec::new();
        for &i in &snap.orders[&Sort::Name] {
            if keep(&snap.colleges[i], &snap.haystacks[i]) {
                if total >= skip && page.len() < take {
                    page.push(i);
                }
                total += 1;
            }
        }
        (total, rendered, page)
    }

    /// Every college matching `query`'s filters, for the map.
    pub fn points(&self, query: &CollegeQuery) -> MapPoints {
        let snap = self.current();
        let points: Vec<MapPoint> = snap
            .matching(query, Sort::Name)
            .map(|i| MapPoint::from(&snap.colleges[i]))
            .collect();
        MapPoints {
            total: points.len() as u32,
            points,
        }
    }
}

impl Snapshot {
    /// Indexes of the colleges passing `query`'s filters, in `order`.
    fn matching<'a>(
        &'a self,
        query: &'a CollegeQuery,
        order: Sort,
    ) -> impl Iterator<Item = usize> + 'a {
        let terms = query.terms();
        self.orders[&order]
            .iter()
            .copied()
            .filter(move |&i| query.matches(&self.colleges[i], &self.haystacks[i], &terms))
    }
}

/// The figures count the colleges that have not closed; the closed ones
/// are counted apart.
fn stats_of(all: &[College]) -> Stats {
    let (closed, colleges): (Vec<&College>, Vec<&College>) =
        all.iter().partition(|c| c.status == CollegeStatus::Closed);
    let mut per_country: HashMap<&str, u32> = HashMap::new();
    for c in &colleges {
        *per_country.entry(&c.country).or_default() += 1;
    }
    let mut per_country: Vec<CountryCount> = per_country
        .into_iter()
        .map(|(country, colleges)| CountryCount {
            country: country.to_string(),
            colleges,
        })
        .collect();
    per_country.sort_by(|a, b| {
        b.colleges
            .cmp(&a.colleges)
            .then_with(|| a.country.cmp(&b.country))
    });
    Stats {
        colleges: colleges.len() as u32,
        countries: per_country.len() as u32,
        closed: closed.len() as u32,
        per_country,
        learning_set_members: colleges
            .iter()
            .filter(|c| c.learning_set_member == Some(true))
            .count() as u32,
    }
}
