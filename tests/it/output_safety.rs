//! The output folder under attack and under accident, with the real binary on temporary
//! folders: paths that resolve into the guide, two builds at once, an interrupted build, and
//! what a broken-off swap left behind.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{Guide, poll, text, tree as files};

/// A guide with `pages` pages in one section: big enough that a debug build takes a while.
fn big_guide(pages: usize) -> Guide {
    let guide = Guide::minimal();
    guide.write("content/many/_index.md", "---\ntitle: Many\n---\n");
    for n in 0..pages {
        guide.write(
            &format!("content/many/page-{n:05}.md"),
            format!("---\ntitle: Page {n}\n---\n# Part\n\nText of page {n}, with *words*.\n"),
        );
    }
    guide
}

fn spawn_build(guide: &Guide) -> Child {
    guide
        .command(&["build"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The staging folders beside the guide's output.
fn staging_folders(guide: &Guide) -> Vec<String> {
    std::fs::read_dir(&guide.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.guidewright-new"))
        .collect()
}

fn wait_for(what: &str, done: impl FnMut() -> bool) {
    poll(Duration::from_secs(60), what, done);
}

#[test]
fn output_paths_that_lead_into_the_guide_are_refused_in_every_spelling() {
    let guide = Guide::sample();
    let content_before = files(&guide.root.join("content"));
    let home = guide.root.parent().unwrap().join("home");
    std::fs::create_dir_all(home.join("notes")).unwrap();
    std::fs::write(home.join("notes/mine.txt"), "mine").unwrap();
    let linked = guide.root.parent().unwrap().join("linked");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&guide.root, &linked).unwrap();
    let spellings = [
        "nope/../content".to_string(),
        "nope/a/../../content/".to_string(),
        "./content/x/..".to_string(),
        "nope/..".to_string(),
        format!("{}/missing/../home", guide.root.parent().unwrap().display()),
        #[cfg(unix)]
        format!("{}/content", linked.display()),
        #[cfg(unix)]
        format!("{}/nope/../static", linked.display()),
    ];
    for spelling in &spellings {
        let output = guide
            .command(&["build", "--output", spelling])
            .env("HOME", &home)
            .output()
            .unwrap();
        let (_, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(1), "{spelling}: {stderr}");
        assert!(stderr.contains("the output folder"), "{spelling}: {stderr}");
        assert!(
            stderr.contains("nothing was written"),
            "{spelling}: {stderr}"
        );
    }
    assert!(!guide.root.join("nope").exists(), "no folder was made");
    assert_eq!(files(&guide.root.join("content")), content_before);
    assert_eq!(
        std::fs::read_to_string(home.join("notes/mine.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn output_dir_in_the_settings_is_resolved_before_the_check() {
    let guide = Guide::sample();
    let before = files(&guide.root.join("content"));
    let settings = std::fs::read_to_string(guide.root.join("guide.yaml")).unwrap();
    let settings = settings.replace("output_dir: public", "output_dir: tmp/../content");
    assert!(settings.contains("tmp/../content"));
    guide.write("guide.yaml", settings);
    let output = guide.run(&["build"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("inside the guide's content/ folder"),
        "{stderr}"
    );
    assert_eq!(files(&guide.root.join("content")), before);
}

#[test]
fn a_second_build_into_the_same_folder_waits_and_both_leave_a_whole_site() {
    let guide = big_guide(1000);
    let mut first = spawn_build(&guide);
    wait_for("the first build starts its site", || {
        !staging_folders(&guide).is_empty()
    });
    let second = spawn_build(&guide).wait_with_output().unwrap();
    let first_status = first.wait().unwrap();
    let (_, second_err) = text(&second);
    assert!(first_status.success());
    assert!(second.status.success(), "{second_err}");
    assert!(
        second_err.contains("waiting for another build into"),
        "{second_err}"
    );
    for n in 0..1000 {
        let page = guide.public().join(format!("many/page-{n:05}/index.html"));
        assert!(page.is_file(), "{} is missing", page.display());
    }
    assert!(guide.public().join("index.html").is_file());
    assert_eq!(staging_folders(&guide), Vec::<String>::new());
}

#[test]
fn a_failed_build_says_truly_what_it_left() {
    let guide = Guide::minimal();
    guide.write("content/bad.md", "no front matter\n");
    let output = guide.run(&["build"]);
    let (_, stderr) = text(&output);
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!guide.public().exists());

    std::fs::remove_file(guide.root.join("content/bad.md")).unwrap();
    assert!(guide.run(&["build"]).status.success());
    let site = files(&guide.public());
    guide.write("content/bad.md", "no front matter\n");
    let output = guide.run(&["build"]);
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("the previous site in") && stderr.contains("was left as it was"),
        "{stderr}"
    );
    assert_eq!(files(&guide.public()), site);
}

#[cfg(unix)]
fn interrupt_removes_the_staging_folder(signal: &str) {
    let guide = big_guide(1000);
    guide.write(
        "content/many/page-00000.md",
        "---\ntitle: Page 0\n---\nFirst.\n",
    );
    // A previous site to keep.
    let small = Guide::minimal();
    assert!(small.run(&["build"]).status.success());
    std::fs::rename(small.public(), guide.public()).unwrap();
    let previous = files(&guide.public());

    let mut build = spawn_build(&guide);
    wait_for("the build starts its site", || {
        !staging_folders(&guide).is_empty()
    });
    std::thread::sleep(Duration::from_millis(300));
    let sent = Command::new("kill")
        .args([signal, &build.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = build.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut build.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(130), "{signal}: {stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(staging_folders(&guide), Vec::<String>::new(), "{signal}");
    assert_eq!(files(&guide.public()), previous, "{signal}");
    // The next build goes through.
    assert!(guide.run(&["build"]).status.success());
}

#[cfg(unix)]
#[test]
fn ctrl_c_removes_the_half_written_site() {
    interrupt_removes_the_staging_folder("-INT");
}

#[cfg(unix)]
#[test]
fn sigterm_removes_the_half_written_site() {
    interrupt_removes_the_staging_folder("-TERM");
}

#[test]
fn a_previous_site_left_aside_by_a_broken_swap_is_put_back() {
    let guide = Guide::minimal();
    assert!(guide.run(&["build"]).status.success());
    let site = files(&guide.public());
    let aside = guide.root.join(".public.guidewright-old");
    std::fs::rename(guide.public(), &aside).unwrap();
    // A build that fails keeps it, and says where.
    guide.write("content/bad.md", "no front matter\n");
    let output = guide.run(&["build"]);
    let (_, stderr) = text(&output);
    assert!(stderr.contains("the previous site in"), "{stderr}");
    assert_eq!(files(&guide.public()), site);
    assert!(!aside.exists());
    // With both there, the swap had gone through: the one aside is removed.
    std::fs::remove_file(guide.root.join("content/bad.md")).unwrap();
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::write(aside.join(".guidewright"), "").unwrap();
    let output = guide.run(&["build"]);
    assert!(output.status.success(), "{}", text(&output).1);
    assert!(!aside.exists());
    assert_eq!(files(&guide.public()), site);
}

#[test]
fn a_folder_in_the_way_of_the_swap_that_is_not_ours_is_named() {
    let guide = Guide::minimal();
    let aside = guide.root.join(".public.guidewright-old");
    std::fs::create_dir_all(&aside).unwrap();
    std::fs::write(aside.join("mine.txt"), "mine").unwrap();
    let output = guide.run(&["build"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(".public.guidewright-old"), "{stderr}");
    assert!(stderr.contains("was not made by guidewright"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(aside.join("mine.txt")).unwrap(),
        "mine"
    );
}
