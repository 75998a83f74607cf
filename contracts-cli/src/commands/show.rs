//! `contracts show`.

use super::json_string;
use crate::lookup::nearest;
use crate::{text, Ctx, Failure, Outcome, ShowArgs, ShowFormat, Style};
use contracts_export::docs;

impl Ctx<'_> {
    pub(crate) fn show(&mut self, args: &ShowArgs) -> Outcome {
        let page = match self.find(&args.reference, "contract") {
            Ok(contract) => {
                if args.format == ShowFormat::Json {
                    writeln!(self.out, "{}", json_string(&contract)?)?;
                    return Ok(0);
                }
                docs::page(self.registry, contract)
            }
            Err(failure) => {
                match self.registry.doc_block(&args.reference) {
                    Some(block) => {
                        if args.format == ShowFormat::Json {
                            writeln!(self.out, "{}", json_string(block)?)?;
                            return Ok(0);
                        }
                        docs::doc_page(self.registry, block)
                    }
                    None => {
                        let ids = self.registry.doc_blocks().iter().map(|b| b.id);
                        let message =
                            failure
                                .0
                                .replacen("no contract", "no contract or doc block", 1);
                        return Err(Failure(match nearest(&args.reference, ids) {
                            Some(id) if !message.contains("did you mean") => {
                                format!("no contract or doc block `{}`; did you mean the doc block `{id}`?", args.reference)
                            }
                            _ => message,
                        }));
                    }
                }
            }
        };
        let text = match args.format {
            ShowFormat::Markdown => docs::render(self.registry, &page, docs::Format::Markdown),
            _ => text::render(
                &page,
                Style {
                    bold: self.terminal.stdout,
                },
            ),
        };
        writeln!(self.out, "{}", text.trim_end())?;
        Ok(0)
    }
}
