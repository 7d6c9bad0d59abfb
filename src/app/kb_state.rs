//! The Knowledge-base pane's state: categories, the article list or search hits, the reader and what is being
//! edited.

use super::paged::PagedList;
use crate::store::kb::{Article, ArticleRow, CategoryRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KbFocus {
    Categories,
    #[default]
    Articles,
    Reader,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kb {
    pub categories: Vec<CategoryRow>,
    /// 0 is "All"; i > 0 is `categories[i - 1]`.
    pub category_selected: usize,
    pub focus: KbFocus,
    pub view: crate::domain::kb::KbView,
    pub list: PagedList<ArticleRow>,
    /// Search typed with `/`; while set, ranked hits replace the view's list.
    pub search: Option<KbSearch>,
    pub article: Option<Box<Article>>,
    pub scroll: usize,
    /// The reader shows the article's change log instead of its text.
    pub show_history: bool,
    pub history: Option<Vec<crate::store::ChangeRow>>,
    /// (id, version) of the article open in the editor.
    pub editing: Option<(String, i64)>,
    /// An article asked for in order to edit it; the editor opens when it arrives.
    pub edit_when_loaded: Option<String>,
    /// The reader was opened from elsewhere (a ticket's suggestions): Esc goes back there.
    pub jumped: bool,
}

/// Knowledge-base search results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KbSearch {
    pub query: String,
    pub hits: Vec<crate::store::kb_search::KbHit>,
    pub selected: usize,
    pub loading: bool,
}

impl Kb {
    /// Id of the article the list or search has selected.
    pub fn selected_id(&self) -> Option<String> {
        match &self.search {
            Some(s) => s.hits.get(s.selected).map(|h| h.row.id.clone()),
            None => self.list.selected_row().map(|r| r.id.clone()),
        }
    }

    /// The article an action applies to: the one in the reader, else the selected one.
    pub fn target_id(&self) -> Option<String> {
        if self.focus == KbFocus::Reader {
            return self.article.as_ref().map(|a| a.row.id.clone());
        }
        self.selected_id()
    }

    pub fn category_id(&self) -> Option<String> {
        self.category_selected
            .checked_sub(1)
            .and_then(|i| self.categories.get(i))
            .map(|c| c.id.clone())
    }
}
