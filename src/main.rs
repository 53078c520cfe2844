use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    // index.html shows a static header and skeleton so the first paint does
    // not wait for the wasm; the app replaces it.
    let root = document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("index.html has a #app element");
    root.set_inner_html("");
    leptos::mount::mount_to(root, recovery_colleges::App).forget();
    // Lets a page that was opened once open again offline (public/sw.js).
    // Browsers offer service workers only on secure origins: check first.
    let navigator = leptos::prelude::window().navigator();
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
