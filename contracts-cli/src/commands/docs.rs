//! `contracts docs`.

use super::check_writable_dir;
use crate::progress::Progress;
use crate::{Ctx, DocsArgs, DocsFormat, Failure, Outcome};
use contracts_export::docs;
use std::io::Write;

impl Ctx<'_> {
    pub(crate) fn docs(&mut self, args: &DocsArgs, stderr: &mut dyn Write) -> Outcome {
        let format = match args.format {
            DocsFormat::Html => docs::Format::Html,
            DocsFormat::Markdown => docs::Format::Markdown,
        };
        check_writable_dir(&args.out)?;
        let mut progress = Progress::new(self.terminal.stderr.then_some(stderr), "Rendering pages");
        // The changes between two versions of a key, by the rules of the lock.
        let changelog = contracts_evolution::SurfaceChangelog;
        let site = docs::generate_with(
            self.registry,
            Some(&changelog),
            format,
            &mut |done, total| progress.update(done, total),
        );
        progress.step("Writing files");
        site.write_with_progress(&args.out, &mut |done, total| progress.update(done, total))
            .map_err(|e| Failure(format!("cannot write `{}`: {}", e.path.display(), e.source)))?;
        progress.finish();
        drop(progress);
        let index = args.out.join(site.index_path());
        writeln!(
            self.out,
            "Wrote {} files ({} contracts, {} doc blocks) to {}",
            site.files().len(),
            self.registry.len(),
            self.registry.doc_blocks().len(),
            args.out.display()
        )?;
        writeln!(self.out, "Open {}", index.display())?;
        Ok(0)
    }
}
