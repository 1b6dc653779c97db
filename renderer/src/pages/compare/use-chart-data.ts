// Fetches what one chart draws for the current view. The previous data stays on screen while a zoom
// or a new smoothing weight refetches, and the moment new data arrives is marked for the benchmark.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InputOf, MethodName, OutputOf } from '../../../../shared/api/contract';
import { callOrThrow, type ApiCallError } from '../../api/use-api';

export function useChartData<K extends 'getSeries' | 'getSeedGroups' | 'getDeltas'>(method: K, input: InputOf<K>, enabled: boolean) {
  return useQuery<OutputOf<K>, ApiCallError>({
    queryKey: [method, input],
    queryFn: async () => {
      const result = await callOrThrow(method as MethodName, input as InputOf<MethodName>);
      performance.mark('tessera:chart-data');
      return result as OutputOf<K>;
    },
    enabled,
    placeholderData: keepPreviousData,
    // Every answer is a new drawing: comparing 100,000 numbers with the previous answer would cost more.
    structuralSharing: false,
  });
}
