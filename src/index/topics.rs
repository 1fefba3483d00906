//! Topics as a way on from a search: the topic a search's hits share
//! ("Alles zum Thema …") and, when a search finds nothing, the topics
//! closest to what the citizen asked.

use std::collections::HashMap;

use crate::index::order::sort_by_key;
use crate::index::query::hit::Hit;
use crate::index::query::search::{bounded, ContentWords, LastWord, SearchOptions};
use crate::index::Index;
use crate::model::records::{Service, Topic};
use crate::text::normalize::{index_words, is_stop_word};

/// How many closest topics a search that found nothing offers, in the
/// finder and in `zufi search`: the `limit` callers of
/// [`Index::closest_topics`] pass.
pub const CLOSEST_TOPICS: usize = 3;
/// How many of a search's first hits [`Index::common_topic`] looks at.
const COMMON_TOPIC_HITS: usize = 5;
/// How many of a search's first hits [`Index::answers_weakly`] looks at:
/// those a citizen reads before giving up on a list.
const WEAK_ANSWER_HITS: usize = 5;
/// The share of those hits a topic must hold to be offered (3 of 5).
const COMMON_TOPIC_SHARE: (usize, usize) = (3, 5);
/// How many hits of each "Meinten Sie …?" alternative
/// [`Index::closest_topics`] files under their topics.
const CLOSEST_TOPIC_HITS: usize = 5;
/// A query word names a topic when it and a word of the topic's name share
/// this many first letters (or the shorter of the two is all shared).
const TOPIC_WORD_PREFIX: usize = 5;
/// Shorter query words never name a topic: "amt" or "in" are in too many.
const TOPIC_WORD_MIN: usize = 4;
/// A query of fewer content words is never answered weakly: one or two
/// words either match or they do not.
const WEAK_ANSWER_MIN_WORDS: usize = 3;

/// The topics of an index as a tree: each topic's ancestors, by position.
struct TopicTree<'a> {
    topics: &'a [Topic],
    order_of: HashMap<&'a str, usize>,
}

impl<'a> TopicTree<'a> {
    fn new(topics: &'a [Topic]) -> TopicTree<'a> {
        let order_of = topics
            .iter()
            .enumerate()
            .map(|(order, topic)| (topic.id.as_str(), order))
            .collect();
        TopicTree { topics, order_of }
    }

    /// The topic `id` and its ancestors, by position, most specific first;
    /// a cycle in the parents ends the chain instead of looping.
    fn lineage(&self, id: &str) -> Vec<usize> {
        let mut chain: Vec<usize> = Vec::new();
        let mut next = self.order_of.get(id).copied();
        while let Some(order) = next.filter(|o| !chain.contains(o)) {
            chain.push(order);
            next = self.topics[order]
                .parent
                .as_deref()
                .and_then(|parent| self.order_of.get(parent).copied());
        }
        chain
    }

    /// Every topic `service` is filed under, directly or through a subtopic.
    fn filed_under(&self, service: &Service) -> Vec<usize> {
        let mut all: Vec<usize> = service
            .topics
            .iter()
            .flat_map(|id| self.lineage(id))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// How deep `order` sits: 0 for a topic without a parent.
    fn depth(&self, order: usize) -> usize {
        self.lineage(&self.topics[order].id).len() - 1
    }
}

impl Index {
    /// The topic the first of `services` (a search's hits, best first) have
    /// in common, for "Alles zum Thema …": of the first five, at least three
    /// in five are filed under it (directly or under a subtopic). The most
    /// specific such topic wins, then the one more hits share. Topics
    /// holding more than a quarter of the catalog say nothing and are never
    /// offered; neither is a topic for fewer than three hits.
    pub fn common_topic(&self, services: &[&Service]) -> Option<&Topic> {
        let first = &services[..services.len().min(COMMON_TOPIC_HITS)];
        if first.len() < 3 {
            return None;
        }
        let tree = TopicTree::new(&self.topics);
        let (share, of) = COMMON_TOPIC_SHARE;
        let needed = (first.len() * share).div_ceil(of);
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for service in first {
            for order in tree.filed_under(service) {
                *shared.entry(order).or_default() += 1;
            }
        }
        let candidates: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(_, count)| count >= needed)
            .collect();
        // Sizing every topic walks the whole catalog (once, then it is
        // kept): not before a topic is a candidate.
        if candidates.is_empty() {
            return None;
        }
        let telling = self.telling_topics(&tree);
        candidates
            .into_iter()
            .filter(|&(order, _)| telling[order])
            .max_by_key(|&(order, count)| (tree.depth(order), count, std::cmp::Reverse(order)))
            .map(|(order, _)| &self.topics[order])
    }

    /// Up to `limit` topics closest to a `query` that found nothing, for
    /// the citizen to browse instead, best first: topics whose name a query
    /// word begins like (with five letters in common, "Familie" for
    /// "familien"), then the topics the hits of `alternatives` (the query's
    /// [`Index::suggestions`], best first) are filed under, the first
    /// alternative's and first hits' counting most. Topics holding more than
    /// a quarter of the catalog are left out, as in [`Index::common_topic`].
    pub fn closest_topics(
        &self,
        query: &str,
        alternatives: &[String],
        limit: usize,
    ) -> Vec<&Topic> {
        let tree = TopicTree::new(&self.topics);
        let telling = self.telling_topics(&tree);
        let mut score: HashMap<usize, usize> = HashMap::new();
        let query_words: Vec<String> = index_words(bounded(query))
            .into_iter()
            .filter(|word| word.chars().count() >= TOPIC_WORD_MIN && !is_stop_word(word))
            .collect();
        // A named topic outweighs anything the alternatives' hits add up to.
        let named = alternatives.len() * CLOSEST_TOPIC_HITS * CLOSEST_TOPIC_HITS + 1;
        for (order, topic) in self.topics.iter().enumerate() {
            let names_it = index_words(&topic.name)
                .iter()
                .any(|word| query_words.iter().any(|q| begins_alike(q, word)));
            if names_it {
                *score.entry(order).or_default() += named;
            }
        }
        let options = SearchOptions {
            limit: CLOSEST_TOPIC_HITS,
            ..SearchOptions::default()
        };
        for (rank, alternative) in alternatives.iter().enumerate() {
            let weight = alternatives.len() - rank;
            for (position, hit) in self.search(alternative, &options).iter().enumerate() {
                for order in tree.filed_under(hit.service) {
                    *score.entry(order).or_default() += weight * (CLOSEST_TOPIC_HITS - position);
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = score
            .into_iter()
            .filter(|&(order, _)| telling[order])
            .collect();
        sort_by_key(&mut ranked, |&(order, score)| {
            (
                std::cmp::Reverse(score),
                std::cmp::Reverse(tree.depth(order)),
                order,
            )
        });
        ranked
            .into_iter()
            .take(limit)
            .map(|(order, _)| &self.topics[order])
            .collect()
    }

    /// Whether a search's `hits` (best first) answer `query` only weakly:
    /// it has three content words or more and none of the first five hits
    /// covers half of them ("darf ich die große fichte in meinem garten
    /// einfach umhauen" finding services for one of its words). The finder
    /// then offers the ways on it offers when nothing is found. A search
    /// without hits is not weak: it found nothing.
    pub fn answers_weakly(&self, query: &str, hits: &[Hit<'_>]) -> bool {
        let content = ContentWords::of(query, LastWord::FromText).words.len();
        let covered = hits
            .iter()
            .take(WEAK_ANSWER_HITS)
            .map(|hit| hit.matches.len())
            .max();
        match covered {
            Some(covered) => content >= WEAK_ANSWER_MIN_WORDS && covered * 2 < content,
            None => false,
        }
    }

    /// The topic `id` and all its subtopics, at any depth, by id: browsing
    /// a topic lists the services filed under any of them, as
    /// [`Index::common_topic`] counts them. Empty for an unknown id.
    pub fn topic_with_subtopics(&self, id: &str) -> Vec<&str> {
        let tree = TopicTree::new(&self.topics);
        let Some(&root) = tree.order_of.get(id) else {
            return Vec::new();
        };
        self.topics
            .iter()
            .filter(|topic| tree.lineage(&topic.id).contains(&root))
            .map(|topic| topic.id.as_str())
            .collect()
    }

    /// The services filed under the topic `id` or any of its subtopics, A–Z:
    /// what browsing a topic lists and announces. Empty for an unknown id.
    pub fn services_of_topic(&self, id: &str) -> Vec<&Service> {
        let family = self.topic_with_subtopics(id);
        if family.is_empty() {
            return Vec::new();
        }
        let filed = self
            .services
            .iter()
            .filter(|service| service.topics.iter().any(|t| family.contains(&t.as_str())))
            .collect();
        super::by_name(filed)
    }

    /// By topic position: whether the topic holds at most a quarter of the
    /// catalog's services, and so says something about a search. Counted
    /// on first use and kept: it walks the whole catalog, and a search that
    /// finds nothing asks on every keystroke.
    fn telling_topics(&self, tree: &TopicTree<'_>) -> &[bool] {
        self.telling_topics.get_or_init(|| {
            let mut sizes = vec![0_usize; self.topics.len()];
            for service in &self.services {
                for order in tree.filed_under(service) {
                    sizes[order] += 1;
                }
            }
            sizes
                .into_iter()
                .map(|size| size * 4 <= self.services.len())
                .collect()
        })
    }
}

/// Whether the folded words `a` and `b` begin alike: the first
/// [`TOPIC_WORD_PREFIX`] letters in common, or all of the shorter one.
fn begins_alike(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    shorter >= TOPIC_WORD_MIN && common >= TOPIC_WORD_PREFIX.min(shorter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_begin_alike_with_five_letters_or_all_of_the_shorter() {
        let cases = [
            ("familien", "familie", true),
            ("kinder", "kind", true),
            ("wohnen", "wohnung", false),
            ("fahrzeug", "fahrzeuge", true),
            ("amt", "amt", false),
            ("steuer", "steuern", true),
            ("bauen", "bau", false),
        ];
        for (a, b, alike) in cases {
            assert_eq!(begins_alike(a, b), alike, "{a} {b}");
        }
    }
}
