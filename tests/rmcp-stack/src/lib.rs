//! Proves that `#[airlock]` stacks with rmcp's `#[tool]` (rmcp 3.x).
//!
//! [`Crm`] is an rmcp server whose tools carry both attributes, `#[airlock(...)]` first
//! (outermost) and `#[tool]` second, inside a `#[tool_router]` impl. The tests in
//! `tests/stack.rs` drive it over the real MCP protocol with an in-process rmcp client.
//!
//! A tool returns `Result<String, StackError>`: `StackError: From<airlock::ToolError>` lets a
//! denied call return through it, and `StackError: IntoContents` makes rmcp send an `Err` as a
//! tool result with `isError: true` (content the model sees), not as a JSON-RPC error.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use airlock::policy::READ_ONLY;
use airlock::sanitize::Report;
use airlock::{Sanitize, ToolError, airlock};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{ContentBlock, IntoContents};
use rmcp::{Json, ServerHandler, schemars, tool, tool_handler, tool_router};
use serde::Deserialize;

/// The arguments of the customer tools.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct CustomerId {
    /// The customer's id.
    pub id: u32,
}

/// The arguments of `search_notes`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, validator::Validate)]
pub struct NoteSearch {
    /// Words to look for.
    pub query: String,
    /// How many notes to return, 1 to 10.
    #[validate(range(min = 1, max = 10))]
    pub limit: u32,
}

/// Why a tool call failed. rmcp sends it to the model as a tool result with `isError: true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StackError {
    /// Airlock refused the call (policy, arguments, ...) before the body ran.
    Refused(ToolError),
    /// The tool itself failed.
    Failed(String),
}

impl From<ToolError> for StackError {
    fn from(error: ToolError) -> Self {
        StackError::Refused(error)
    }
}

/// A tool's error is masked before rmcp sends it, like its output: the guard masks any error
/// type that implements `Sanitize`.
impl Sanitize for StackError {
    fn sanitize(&mut self, sanitizer: &airlock::Sanitizer, report: &mut Report) {
        match self {
            StackError::Refused(error) => error.sanitize(sanitizer, report),
            StackError::Failed(message) => message.sanitize(sanitizer, report),
        }
    }
}

impl IntoContents for StackError {
    /// One text block: Airlock's error object as JSON (`{"kind": "policy_denied", ...}`),
    /// which carries the self-healing message; or the tool's own message.
    fn into_contents(self) -> Vec<ContentBlock> {
        let text = match self {
            StackError::Refused(error) => {
                serde_json::to_string(&error).unwrap_or_else(|_| error.to_string())
            }
            StackError::Failed(message) => message,
        };
        vec![ContentBlock::text(text)]
    }
}

/// A small CRM served over MCP, every tool guarded by Airlock.
#[derive(Debug, Clone, Default)]
pub struct Crm {
    deletes: Arc<AtomicUsize>,
    searches: Arc<AtomicUsize>,
}

impl Crm {
    /// A server whose counters are at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times the body of `delete_customer` has run.
    pub fn deletes_run(&self) -> usize {
        self.deletes.load(Ordering::SeqCst)
    }

    /// How many times the body of `search_notes` has run.
    pub fn searches_run(&self) -> usize {
        self.searches.load(Ordering::SeqCst)
    }
}

#[tool_router]
impl Crm {
    /// Looks up a customer. (Its tool description is the `description = ` below, which wins
    /// over this comment.)
    #[airlock(policy = READ_ONLY, access = read)]
    #[tool(description = "Looks up a customer by id and returns their contact line.")]
    pub async fn lookup_customer(
        &self,
        Parameters(customer): Parameters<CustomerId>,
    ) -> Result<String, StackError> {
        if customer.id == 0 {
            return Err(StackError::Failed("no customer has id 0".to_owned()));
        }
        Ok(format!(
            "customer {}: Ann Lee, ann@example.org",
            customer.id
        ))
    }

    /// Deletes a customer record for good.
    #[airlock(policy = READ_ONLY, access = delete)]
    #[tool]
    pub async fn delete_customer(
        &self,
        Parameters(customer): Parameters<CustomerId>,
    ) -> Result<String, StackError> {
        self.deletes.fetch_add(1, Ordering::SeqCst);
        Ok(format!("deleted customer {}", customer.id))
    }

    /// Returns a customer's email, partly masked: the tool's own `mask` holds under rmcp too.
    #[airlock(policy = READ_ONLY, access = read, mask = [pii, partial])]
    #[tool]
    pub async fn customer_contact(
        &self,
        Parameters(customer): Parameters<CustomerId>,
    ) -> Result<String, StackError> {
        if customer.id == 0 {
            return Err(StackError::Failed(
                "the CRM refused postgres://crm:hunter2@db.internal/crm for ann@example.org"
                    .to_owned(),
            ));
        }
        Ok(format!("customer {}: ann@example.org", customer.id))
    }

    /// Returns a customer as structured content.
    #[airlock(policy = READ_ONLY, access = read)]
    #[tool]
    pub async fn customer_record(
        &self,
        Parameters(customer): Parameters<CustomerId>,
    ) -> Result<Json<serde_json::Value>, StackError> {
        Ok(Json(serde_json::json!({
            "id": customer.id,
            "email": "ann@example.org",
            "card": "4111 1111 1111 1111",
        })))
    }

    #[airlock(name = "search_notes", policy = READ_ONLY, access = read)]
    /// Searches the support notes.
    /// Returns at most `limit` matching lines.
    #[tool]
    pub fn search_notes(
        &self,
        Parameters(search): Parameters<NoteSearch>,
    ) -> Result<String, StackError> {
        self.searches.fetch_add(1, Ordering::SeqCst);
        let notes = [
            "call back bob@example.com about the invoice",
            "ann moved to Paris",
        ];
        let found: Vec<&str> = notes
            .iter()
            .filter(|note| note.contains(search.query.as_str()))
            .take(usize::try_from(search.limit).unwrap_or(usize::MAX))
            .copied()
            .collect();
        Ok(found.join("\n"))
    }
}

#[tool_handler]
impl ServerHandler for Crm {}
