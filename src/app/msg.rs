//! Messages into `update` and effects out of it (the requests and answers themselves are in `protocol`).

use super::keys::Key;
pub use super::protocol::{ListKind, Request, Response};

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(Key),
    /// Text pasted into the terminal (bracketed paste): goes into the focused input, never read as keys.
    Paste(String),
    Mouse(Mouse),
    Resize(u16, u16),
    /// The clock moved (unix seconds); also expires toasts.
    Tick(i64),
    /// Whether the store is waiting for another desk's write to finish (store::busy), so the screen says so.
    StoreWaiting(bool),
    /// The background mail job started or finished a round (runtime::mail).
    Mail(super::mail::MailEvent),
    /// The background sync job looked at the hub, or started or finished a sync (runtime::sync).
    Sync(super::sync::SyncEvent),
    Loaded(Response),
    /// The external editor closed; `text` is what was saved, or why the editor could not run.
    Edited {
        purpose: EditPurpose,
        text: Result<String, String>,
    },
    /// An attachment was saved and handed to the system opener, or why not ([`Effect::Open`]).
    Opened(Opened),
}

/// What became of an [`Effect::Open`]: `name` is the file's (safe) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub name: String,
    pub outcome: OpenOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    /// Saved at `path` and the opener started on it.
    Launched { opener: String, path: String },
    /// Saved at `path` only: not a file to open blindly, for reason `why`.
    Kept { path: String, why: String },
    /// Saved at `path`, but `opener` could not start, or failed at once, for `reason`.
    OpenerFailed {
        opener: String,
        path: String,
        reason: String,
    },
    /// Not even saved.
    NotSaved { reason: String },
}

/// What a text opened in `$EDITOR` is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPurpose {
    Reply {
        number: i64,
    },
    Note {
        number: i64,
    },
    /// A reply started from macro `index`; its changes apply when the reply is sent.
    Macro {
        number: i64,
        index: usize,
    },
    /// The first message of the ticket in the new-ticket form.
    NewTicket,
    /// The notes of the customer in `Customers::editing`.
    CustomerNotes,
    /// The profile form of the customer in `Customers::editing`.
    CustomerProfile,
    /// The profile form of a customer to create.
    NewCustomer,
    /// The article in `Kb::editing`, as a file with front matter.
    ArticleEdit,
    /// A new article.
    NewArticle,
    /// A reply to ticket `number` that starts with the article in `TicketPane::inserting`.
    KbReply {
        number: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

/// What `update` asks the outside world to do. Effects are data; the runtime carries them out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Load(Request),
    /// Suspend the terminal and open `template` in `$VISUAL`/`$EDITOR`; answer with [`Msg::Edited`].
    Edit {
        purpose: EditPurpose,
        template: String,
    },
    /// Save `bytes` as a new file named `name` (already safe) in desk's private folder and, unless `refuse` says
    /// why not, hand it to the system opener without waiting; answer with [`Msg::Opened`].
    Open {
        name: String,
        bytes: Vec<u8>,
        refuse: Option<String>,
    },
    /// Wake the background mail job for a round now (`g f`).
    MailNow,
    /// Wake the background sync job for a sync now (`:sync`).
    SyncNow,
    Quit,
}

impl Effect {
    /// A request to the store worker, from any area's request type.
    pub fn load(req: impl Into<Request>) -> Effect {
        Effect::Load(req.into())
    }
}
