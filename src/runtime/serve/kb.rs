//! Answers to knowledge-base requests.

use crate::app::protocol::{ArticleOutcome, KbRequest, KbResponse, outcome};
use crate::store::{Result, Store};

use crate::app::protocol::kb::SEARCH_LIMIT;

pub fn serve(store: &mut Store, req: KbRequest) -> Result<KbResponse> {
    Ok(match req {
        KbRequest::Categories => KbResponse::Categories(store.categories()?),
        KbRequest::Page {
            generation,
            filter,
            req,
            limit,
        } => KbResponse::Page {
            generation,
            req,
            page: store.article_page(&filter, req, limit)?,
        },
        KbRequest::Count { generation, filter } => KbResponse::Count {
            generation,
            count: store.article_count(&filter)?,
        },
        KbRequest::Article { id, count_view } => {
            if count_view {
                store.count_article_view(&id)?;
            }
            let article = store.article(&id)?.map(Box::new);
            KbResponse::Article { id, article }
        }
        KbRequest::Search { query, statuses } => {
            let hits = store.search_articles(&query, &statuses, SEARCH_LIMIT)?;
            KbResponse::Hits { query, hits }
        }
        KbRequest::Suggestions { number, limit } => KbResponse::Suggestions {
            number,
            rows: store.suggest_for_ticket(number, limit)?,
        },
        KbRequest::History { id } => KbResponse::History {
            rows: store.history("article", &id)?,
            id,
        },
        KbRequest::Save {
            doc,
            expected_version,
            at,
        } => match store.save_article(&doc, expected_version, at) {
            Ok(saved) => KbResponse::Saved {
                id: saved.id,
                result: Ok(if saved.created {
                    ArticleOutcome::Created(doc.status)
                } else {
                    ArticleOutcome::Saved(saved.changed)
                }),
            },
            Err(e) => KbResponse::Saved {
                id: doc.id.clone().unwrap_or_default(),
                result: Err(e.into()),
            },
        },
        KbRequest::SetStatus { id, status, at } => KbResponse::Saved {
            result: outcome(
                store
                    .set_article_status(&id, status, at)
                    .map(|_| ArticleOutcome::Status(status)),
            ),
            id,
        },
        KbRequest::Vote { id, helpful, at } => KbResponse::Voted {
            result: outcome(store.vote_article(&id, helpful, at)),
            id,
            helpful,
        },
        KbRequest::Used {
            id,
            number,
            how,
            at,
        } => KbResponse::Used(outcome(
            store
                .record_article_use(&id, Some(number), how, at)
                .map(drop),
        )),
    })
}
