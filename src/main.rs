//! The home page's app (index.html), which also draws the not-found page
//! of any address no other app serves.

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::Home,
        recovery_colleges::english_of!("home"),
        recovery_colleges::HomeApp,
    );
}
