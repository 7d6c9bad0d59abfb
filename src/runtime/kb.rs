//! The store worker's answers to knowledge-base requests.

use crate::app::{Request, Response};
use crate::domain::kb::ArticleStatus;
use crate::store::Store;

/// How many search results the pane shows (ranked; the best are on top).
const SEARCH_LIMIT: usize = 100;

/// Answers a knowledge-base request (`serve` in the parent routes only those here).
pub fn serve(store: &mut Store, req: Request) -> crate::store::Result<Response> {
    match req {
        Request::Categories => store.categories().map(Response::Categories),
        Request::ArticlePage {
            generation,
            filter,
            req,
            limit,
        } => store
            .article_page(&filter, req, limit)
            .map(|page| Response::ArticlePage {
                generation,
                req,
                page,
            }),
        Request::Article { id, count_view } => (|| {
            if count_view {
                store.count_article_view(&id)?;
            }
            let article = store.article(&id)?.map(Box::new);
            Ok(Response::Article { id, article })
        })(),
        Request::KbSearch { query, statuses } => store
            .search_articles(&query, &statuses, SEARCH_LIMIT)
            .map(|hits| Response::KbHits { query, hits }),
        Request::Suggestions { number, limit } => store
            .suggest_for_ticket(number, limit)
            .map(|rows| Response::Suggestions { number, rows }),
        Request::ArticleHistory { id } => store
            .history("article", &id)
            .map(|rows| Response::ArticleHistory { id, rows }),
        Request::SaveArticle {
            doc,
            expected_version,
            at,
        } => {
            let result = store.save_article(&doc, expected_version, at);
            Ok(match result {
                Ok(saved) => Response::ArticleSaved {
                    id: saved.id,
                    what: if saved.created {
                        format!("Article created as {}", doc.status)
                    } else if saved.changed.is_empty() {
                        "No changes".into()
                    } else {
                        format!("Article saved ({})", saved.changed.join(", "))
                    },
                    error: None,
                },
                Err(e) => Response::ArticleSaved {
                    id: doc.id.clone().unwrap_or_default(),
                    what: String::new(),
                    error: Some(e.to_string()),
                },
            })
        }
        Request::SetArticleStatus { id, status, at } => {
            let result = store.set_article_status(&id, status, at);
            let what = match status {
                ArticleStatus::Published => "Published",
                ArticleStatus::Draft => "Back to draft",
                ArticleStatus::Archived => "Archived",
            };
            Ok(Response::ArticleSaved {
                id,
                what: what.into(),
                error: result.err().map(|e| e.to_string()),
            })
        }
        Request::VoteArticle { id, helpful, at } => {
            store
                .vote_article(&id, helpful, at)
                .map(|(up, down)| Response::Voted {
                    id,
                    helpful,
                    up,
                    down,
                })
        }
        Request::ArticleUsed {
            id,
            number,
            how,
            at,
        } => store
            .record_article_use(&id, Some(number), how, at)
            .map(|_| Response::Ack),
        other => Err(crate::store::StoreError::Refused(format!(
            "not a knowledge-base request: {:?}",
            other.slot()
        ))),
    }
}
