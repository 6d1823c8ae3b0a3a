//! The JSON driver: a model's tool call as JSON, answered with an [`AirlockResponse`].

use std::sync::Arc;

use serde_json::Value;

use super::Call;
use super::audit::{self, Ended};
use super::invoke::{Failure, Invoke};
use super::output::Output;
use super::unwind::{self, CatchUnwind};
use super::validate::Checks;
use crate::arguments::parse;
use crate::arguments::strict::{self, Schema};
use crate::runtime::Airlock;
use crate::sanitize::Report;
use crate::tool::Tool;
use crate::{AirlockResponse, Caller, ToolError};

/// A registered tool as the JSON driver needs it.
pub(crate) struct Target<'t> {
    pub(crate) tool: &'t Tool,
    pub(crate) schema: &'t Schema,
    pub(crate) invoke: &'t dyn Invoke,
}

/// Runs the model's call of `target` with `args` as `caller`, through every stage.
pub(crate) async fn run(
    target: Target<'_>,
    runtime: &Arc<Airlock>,
    caller: &Caller,
    args: Value,
) -> AirlockResponse {
    let call = Call {
        tool: target.tool,
        runtime,
        caller,
    };
    // The arguments stage: structure and types only; what it finds is reported after the
    // policy has decided, so a refused caller learns nothing of the tool's arguments.
    let mut checks = Checks::default();
    let mut stripped = Vec::new();
    let args = match parse::arguments(args) {
        Ok(mut args) => {
            let checked = strict::check(
                target.schema,
                &mut args,
                runtime.ghost_arguments(),
                runtime.sanitizer(),
            );
            checks.extend(checked.problems);
            stripped = checked.stripped;
            Some(args)
        }
        Err(problem) => {
            checks.extend([problem]);
            None
        }
    };
    mask_pointers(runtime, &mut stripped);
    let entered = call.enter(|| {
        let ready = args.and_then(|args| target.invoke.prepare(args, &mut checks));
        checks.finish()?;
        // Arguments that pass every check were read, so `ready` is there: an unread one
        // has its problem in the checks.
        ready.ok_or_else(Checks::default)
    });
    let ready = match entered {
        Ok(ready) => ready,
        Err(refused) => {
            audit::record(call, Ended::Failed(refused.kind()));
            return AirlockResponse::failure(target.tool.name(), refused).with_stripped(stripped);
        }
    };

    let scope = runtime.scope(caller.clone());
    let ran = match unwind::catch(|| scope.run_sync(ready)) {
        Ok(running) => scope
            .run(CatchUnwind { future: running })
            .await
            .unwrap_or_else(|panic| Err(Failure::Message(panic))),
        Err(panic) => Err(Failure::Message(panic)),
    };

    let output = Output::new(call);
    let outcome = match ran {
        Ok(mut value) => {
            output.mask(&mut value);
            Ok(value)
        }
        Err(Failure::Tool(mut error)) => {
            output.tool_error(&mut error);
            Err(error)
        }
        Err(Failure::Message(message)) => Err(ToolError::ToolFailed {
            tool: target.tool.name().to_owned(),
            message: output.message(&message),
        }),
    };
    let (masked, truncated) = output.finish();
    let ended = match &outcome {
        Ok(_) => Ended::Ran {
            masked: &masked,
            truncated,
        },
        Err(error) => Ended::Failed(error.kind()),
    };
    audit::record(call, ended);
    AirlockResponse {
        tool: target.tool.name().to_owned(),
        truncated: truncated && outcome.is_ok(),
        outcome,
        stripped_arguments: stripped,
        masked: counts(&masked),
    }
}

/// Masks the JSON pointers of stripped arguments: a ghost argument's *name* can be a secret
/// the model was tricked into sending.
fn mask_pointers(runtime: &Airlock, pointers: &mut [String]) {
    for pointer in pointers {
        super::mask_in_place(runtime, pointer);
    }
}

fn counts(report: &Report) -> std::collections::BTreeMap<String, usize> {
    if report.is_empty() {
        // (Most results: collecting nothing still sorts a buffer.)
        return std::collections::BTreeMap::new();
    }
    report
        .iter()
        .map(|(kind, n)| (kind.name().to_owned(), n))
        .collect()
}
