//! A GraphQL endpoint beside the REST routes (`POST /graphql`): resolvers return
//! `Result<_, GraphqlError>` and `?` turns an `AccountsError` into a GraphQL error whose
//! `extensions` carry the code, status, retry delay, details and the request id the errwire
//! layer gave the HTTP request.
//!
//! ```text
//! curl -s localhost:3000/graphql -H 'content-type: application/json' \
//!      -d '{"query":"{ account(id: 42) }"}'
//! ```

use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};
use axum::Json;
use axum::extract::State;
use errwire::async_graphql::GraphqlError;

use crate::AccountsError;

/// The query root.
pub struct Query;

#[Object]
impl Query {
    /// An account's name: account 1 exists, account 7 is rate limited.
    async fn account(&self, id: u64) -> Result<String, GraphqlError> {
        match id {
            1 => Ok("account 1".into()),
            7 => Err(AccountsError::RateLimited(30))?,
            id => Err(AccountsError::NotFound(id))?,
        }
    }
}

/// The service's schema.
pub type AccountsSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// Builds the schema.
#[must_use]
pub fn schema() -> AccountsSchema {
    Schema::new(Query, EmptyMutation, EmptySubscription)
}

/// `POST /graphql`: a GraphQL-over-HTTP request in JSON, executed inside the request's
/// errwire context.
pub async fn endpoint(
    State(schema): State<AccountsSchema>,
    Json(request): Json<async_graphql::Request>,
) -> Json<async_graphql::Response> {
    Json(schema.execute(request).await)
}
