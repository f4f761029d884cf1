/** What the pre-chat form stored on a visitor (visitors.prechat); name and email go to the visitor's own columns. */
export interface PrechatRecord {
  submittedAt: string;
  /** Custom field answers by key, with the label the visitor saw (so a renamed field still reads well). */
  fields: { key: string; label: string; value: string }[];
  group: { id: string; name: string } | null;
  /** When the visitor ticked the data-processing consent box, and the sentence and link they agreed to. */
  consent: { at: string; text: string; url: string } | null;
}
