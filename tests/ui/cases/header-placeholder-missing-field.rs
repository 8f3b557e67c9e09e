use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 307, header(name = "Location", value = "/items/{id}/"))]
    Moved { item: u32 },
}

fn main() {}
