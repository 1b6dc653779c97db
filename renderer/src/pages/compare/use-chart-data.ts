// Fetches what one chart draws for the current view. The previous data stays on screen while a zoom,
// a new x unit or a new smoothing weight refetches, so every answer carries the view it was asked for:
// the chart draws data in its own x unit and axis scale, never in the one the controls moved on to
// (a FLOPs domain read as wall-time dates, or a linear range from 0 on a log axis). The moment new data
// arrives is marked for the benchmark.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InputOf, MethodName, OutputOf } from '../../../../shared/api/contract';
import type { XKind } from '../../../../shared/domain/run-views';
import { callOrThrow, type ApiCallError } from '../../api/use-api';

type ChartMethod = 'getSeries' | 'getSeedGroups' | 'getDeltas';

/** The x unit and axis scale the data was reduced for, and the runs in the order they were asked. */
export interface DrawnView {
  x: XKind;
  xLog: boolean;
  runIds: string[];
}

export interface ChartData<K extends ChartMethod> {
  view: DrawnView;
  output: OutputOf<K>;
}

export function useChartData<K extends ChartMethod>(method: K, input: InputOf<K> & DrawnView, enabled: boolean) {
  return useQuery<ChartData<K>, ApiCallError>({
    queryKey: [method, input],
    queryFn: async () => {
      const output = (await callOrThrow(method as MethodName, input as InputOf<MethodName>)) as OutputOf<K>;
      performance.mark('tessera:chart-data');
      return { view: { x: input.x, xLog: input.xLog, runIds: input.runIds }, output };
    },
    enabled,
    placeholderData: keepPreviousData,
    // Every answer is a new drawing: comparing 100,000 numbers with the previous answer would cost more.
    structuralSharing: false,
  });
}
