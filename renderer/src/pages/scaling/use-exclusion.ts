// Excluding or including a run: the call settles as soon as the cache has it, and every view
// refetches in the background (a refit takes seconds, a bootstrap longer; the editor should not wait).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../../shared/api/contract';
import { callOrThrow, type ApiCallError } from '../../api/use-api';

export function useExclusion() {
  const queryClient = useQueryClient();
  return useMutation<OutputOf<'setFitExclusion'>, ApiCallError, InputOf<'setFitExclusion'>>({
    mutationFn: (input) => callOrThrow('setFitExclusion', input),
    onSuccess: () => {
      void queryClient.invalidateQueries();
    },
  });
}
