// One line of the benchmark table: a measured figure beside the limit or target it is judged against.
export interface BenchRow {
  section: string;
  name: string;
  value: number;
  unit: string;
  limit?: string;
  ok?: boolean;
  note?: string;
}
