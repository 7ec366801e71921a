// Messages between the replay tab and its worker. Files cross as File objects (structured clone
// shares the underlying bytes), so a picked recording is read in the worker and never uploaded.

import type { FormulaSource, PageChart, ReplayRequest } from '@autoscale/replay/browser';

export type RecordingChoice =
  /** The bundled example: fetched from the page's own origin, with its metadata text. */
  | { kind: 'example'; url: string; name: string; metaText: string }
  /** Files the user picked: the recording and, optionally, its NAME.meta.json. */
  | { kind: 'files'; files: File[] };

export interface ReplayJob {
  id: number;
  recording: RecordingChoice;
  formulas: FormulaSource[];
  request: ReplayRequest;
  compare: boolean;
}

/**
 * What the tab asks about the worker's last finished replay (`job` names it): explain the
 * evaluations at `time` of the formulas a chart group shows, or export the replay as the command's
 * --format json, --format csv or --out report.html would write it.
 */
export type ReplayQuery =
  | { query: 'explain'; id: number; job: number; formulas: number[]; time: number }
  | { query: 'export'; id: number; job: number; format: ExportFormat };

export type ExportFormat = 'json' | 'csv' | 'html';

export type QueryAnswer =
  | { query: number; type: 'explained'; html: string }
  | { query: number; type: 'exported'; format: ExportFormat; fileName: string; text: string }
  | { query: number; type: 'unanswered'; reason: string };

export type ReplayMessage =
  | { id: number; type: 'progress'; phase: 'reading' | 'replaying'; fraction: number }
  | {
      id: number;
      type: 'done';
      html: string;
      charts: PageChart[];
      nodeHours: Array<{ formula: string; dedicated: number; lowPriority: number }>;
    }
  | { id: number; type: 'failed'; errors: string[] };
