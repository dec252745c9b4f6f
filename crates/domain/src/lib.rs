//! Types and rules of Atbalsts. No I/O: everything here is checked once, at
//! the edge, and the rest of the program works with values it can trust.

pub mod catalogue;
pub mod channel;
pub mod custom_field;
pub mod field_error;
pub mod form;
pub mod intake;
pub mod knowledge;
pub mod labels;
pub mod link;
pub mod locale;
pub mod macros;
pub mod mail_template;
pub mod notification_settings;
pub mod posted;
pub mod reports;
pub mod request;
pub mod role;
pub mod routing;
pub mod satisfaction;
pub mod service_case;
pub mod sla;
pub mod text;
pub mod ticket;
pub mod ticket_list;
pub mod triage;
pub mod viewer;
pub mod workflow;

pub use channel::Channel;
pub use field_error::{FieldError, FieldErrors};
pub use labels::Labels;
pub use locale::Locale;
pub use role::Role;
pub use ticket::{Email, Priority, Summary, TicketKey};
pub use viewer::Viewer;
pub use workflow::{StatusCategory, Workflow};
