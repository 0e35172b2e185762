//! A rendered email as a draft a mail client opens for editing: an RFC 5322 message with the
//! plain-text and the escaped HTML body as alternatives, marked unsent.

use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

use crate::content::email::RenderedEmail;

/// Media type of the draft answer.
pub const MESSAGE_RFC822: &str = "message/rfc822";

/// `email` as a message: `To` when it has an address, `Subject`, `X-Unsent: 1` (drafts open for
/// editing in Outlook and Thunderbird), and `multipart/alternative` text and HTML parts. The
/// subject and address are single lines by the render's own checks, so no header can be
/// injected; non-ASCII text is encoded as RFC 2047 and quoted-printable by the builder.
pub fn draft(email: &RenderedEmail) -> std::io::Result<Vec<u8>> {
    let mut message = MessageBuilder::new()
        .subject(email.subject.as_str())
        .header("X-Unsent", Raw::new("1"))
        .text_body(email.text.as_str())
        .html_body(format!("<!DOCTYPE html>\n<html><body>\n{}\n</body></html>\n", email.html));
    if let Some(to) = &email.to {
        message = message.to(to.as_str());
    }
    message.write_to_vec()
}
