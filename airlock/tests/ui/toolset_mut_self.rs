use airlock::{ToolError, airlock};

struct Notes {
    lines: Vec<String>,
}

#[airlock::toolset]
impl Notes {
    #[airlock(access = write)]
    fn add_note(&mut self, line: String) -> Result<usize, ToolError> {
        self.lines.push(line);
        Ok(self.lines.len())
    }
}

fn main() {}
