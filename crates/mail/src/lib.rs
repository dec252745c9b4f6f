//! Email for Atbalsts. `outbound` delivers the notification outbox over
//! SMTP with proper threading headers; `inbound` turns received messages
//! into tickets and comments, and keeps auto-replies, bounces and loops
//! from making any.

pub mod compose;
pub mod imap;
pub mod inbound;
pub mod intake;
pub mod lmtp;
pub mod notices;
pub mod outbound;
