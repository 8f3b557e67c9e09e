use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(transparent)]
    Upstream(#[api(detail = "inner")] Inner),
}

#[derive(ApiError)]
#[api(status = 500)]
struct Inner;

fn main() {}
