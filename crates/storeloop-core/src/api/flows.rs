//! The façade's flows: list, show, export and import definitions (each import is a new version,
//! checked first), and the playbooks every demo store starts with.

use std::path::Path;

use super::dto::FlowSummary;
use super::error::{ApiError, ErrorKind};
use super::Storeloop;
use crate::flows::{self, model::Flow};

impl From<flows::model::FlowError> for ApiError {
    fn from(e: flows::model::FlowError) -> Self {
        ApiError::new(ErrorKind::InvalidInput, e.to_string())
    }
}

fn summary(f: &crate::store::FlowRow) -> Result<FlowSummary, ApiError> {
    let def = Flow::from_json(&f.definition)?;
    Ok(FlowSummary {
        slug: f.slug.clone(),
        name: f.name.clone(),
        description: def.description,
        status: f.status.clone(),
        live_percent: f.live_percent.clamp(0, 100) as u32,
        version: f.version.max(0) as u32,
        steps: def.nodes.len() as u32,
        holdout_percent: def.holdout_percent,
        updated_at: crate::time::rfc3339(f.updated_at),
    })
}

impl Storeloop {
    /// Every flow, with its status and current version.
    pub fn flows_list(&self) -> Result<Vec<FlowSummary>, ApiError> {
        self.store.flow_rows()?.iter().map(summary).collect()
    }

    /// A flow's current definition as JSON (what `flows export` writes).
    pub fn flow_definition(&self, slug: &str) -> Result<String, ApiError> {
        let f = self.store.flow_rows()?.into_iter().find(|f| f.slug == slug).ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, format!("There is no flow `{slug}`: `storeloop flows list` shows them."))
        })?;
        let def = Flow::from_json(&f.definition)?;
        serde_json::to_string_pretty(&def).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))
    }

    /// Checks a definition and saves it as the flow's next version (a new flow at version 1).
    pub fn save_flow(&mut self, definition: &str) -> Result<FlowSummary, ApiError> {
        let flow = Flow::from_json(definition)?;
        let custom = self.store.custom_segments()?.into_iter().map(|(id, _, _)| format!("custom-{id}"));
        flow.validate(&flows::known(custom))?;
        let json = serde_json::to_string(&flow).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.save_flow(&flow.slug, &flow.name, &json, self.clock.now().as_second())?;
        let stored = self.store.flow_rows()?;
        let f = stored
            .iter()
            .find(|f| f.slug == flow.slug)
            .ok_or_else(|| ApiError::new(ErrorKind::Internal, "the saved flow is missing"))?;
        summary(f)
    }

    /// Imports a flow file.
    pub fn import_flow(&mut self, path: &Path) -> Result<FlowSummary, ApiError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let kind = if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
            ApiError::new(kind, format!("Could not read {}: {e}", path.display()))
        })?;
        self.save_flow(&text)
            .map_err(|e| ApiError::new(e.kind, format!("{}: {} Nothing was saved.", path.display(), e.message)))
    }

    /// Installs the four playbooks as draft flows (the demo store starts with them).
    pub(crate) fn install_playbooks(&mut self) -> Result<(), ApiError> {
        for p in flows::PLAYBOOKS {
            self.save_flow(p)?;
        }
        Ok(())
    }

    /// A flow's current definition, typed (what the canvas edits).
    pub fn flow_definition_of(&self, slug: &str) -> Result<Flow, ApiError> {
        let json = self.flow_definition(slug)?;
        Ok(Flow::from_json(&json)?)
    }

    /// Checks an edited definition and saves it as the flow's next version (back to draft: a
    /// changed flow is dry-run and, where needed, approved again).
    pub fn save_flow_definition(&mut self, flow: &Flow) -> Result<FlowSummary, ApiError> {
        let json = serde_json::to_string(flow).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.save_flow(&json)
    }

    /// The email templates a flow may send.
    pub fn flow_templates(&self) -> Vec<super::FlowTemplate> {
        flows::TEMPLATES
            .iter()
            .map(|(name, src)| {
                let headline = src
                    .split("<mj-text")
                    .nth(1)
                    .and_then(|t| t.split_once('>'))
                    .map(|(_, rest)| rest.split("</mj-text>").next().unwrap_or("").trim().to_owned())
                    .unwrap_or_default();
                super::FlowTemplate { name: (*name).to_owned(), headline, shows_products: src.contains("{{ product.") }
            })
            .collect()
    }
}
