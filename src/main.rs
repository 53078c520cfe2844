//! The public app (index.html): home, the directory and its map, every
//! college's page, the enquiry and suggestion forms, and the not-found page
//! of any address no other app serves.

fn main() {
    recovery_colleges::app::start(
        api::routes::App::Public,
        recovery_colleges::english_of!("public"),
        recovery_colleges::PublicApp,
    );
}
