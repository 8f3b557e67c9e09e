//! `errwire::axum::Path` and `Query` against a real axum server on 127.0.0.1: a bad path
//! parameter is `invalid_path`, a bad query string `invalid_query`, each with a violation
//! naming the parameter, in the service's envelope (here problem+json, behind the layer).

use errwire::axum::{Path, Query};
use errwire::format::Problem;
use serde_json::{Value, json};

#[derive(Debug, serde::Deserialize)]
struct Search {
    q: String,
    limit: u32,
}

async fn serve() -> String {
    async fn item(Path(id): Path<u64>) -> String {
        format!("item {id}")
    }
    async fn pair(Path((a, b)): Path<(String, u32)>) -> String {
        format!("{a} {b}")
    }
    async fn search(Query(search): Query<Search>) -> String {
        format!("{} {}", search.q, search.limit)
    }
    let app = axum::Router::new()
        .route("/items/{id}", axum::routing::get(item))
        .route("/pairs/{a}/{b}", axum::routing::get(pair))
        .route("/search", axum::routing::get(search))
        .layer(errwire::tower::ErrwireLayer::<Problem>::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

async fn get(url: String) -> (u16, Value) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

#[tokio::test]
async fn bad_path_and_query_parameters_get_their_own_codes() {
    let base = serve().await;
    assert_eq!(
        get(format!("{base}/items/7")).await,
        (200, Value::String("item 7".into()))
    );
    assert_eq!(
        get(format!("{base}/search?q=a&limit=3")).await,
        (200, Value::String("a 3".into()))
    );

    let (status, body) = get(format!("{base}/items/seven")).await;
    assert_eq!((status, &body["code"]), (400, &json!("invalid_path")), "{body}");
    assert_eq!(
        body["errors"],
        json!([{"detail": "This path parameter has an invalid value.", "pointer": "#/id", "code": "invalid_value"}])
    );

    let (status, body) = get(format!("{base}/pairs/x/y")).await;
    assert_eq!((status, &body["code"]), (400, &json!("invalid_path")), "{body}");
    assert_eq!(body["errors"][0]["code"], "invalid_value");
    assert_eq!(
        body["errors"][0]["pointer"], "#/b",
        "the second parameter, by the route's name: {body}"
    );

    let (status, body) = get(format!("{base}/search?q=a&limit=many")).await;
    assert_eq!((status, &body["code"]), (400, &json!("invalid_query")), "{body}");
    assert_eq!(body["errors"][0]["pointer"], "#/limit", "{body}");
    assert_eq!(body["errors"][0]["code"], "invalid_value");
    // serde's own text ("invalid digit found in string") is never sent.
    assert!(!body.to_string().contains("digit"), "{body}");

    let (status, body) = get(format!("{base}/search?q=a")).await;
    assert_eq!((status, &body["code"]), (400, &json!("invalid_query")), "{body}");
    assert_eq!(
        body["errors"],
        json!([{"detail": "This field is required.", "pointer": "#/limit", "code": "missing_field"}])
    );
}
