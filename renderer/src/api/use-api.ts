// react-query over the API client: queries keyed by method and input, errors carried as ApiCallError
// so pages can show them in place.
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { ApiError } from '../../../shared/api/api-result';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract';
import { apiClient } from './api-client';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

export async function callOrThrow<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const result = await apiClient.call(method, input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

export function useApiQuery<K extends MethodName>(
  method: K,
  input: InputOf<K>,
  options: Omit<UseQueryOptions<OutputOf<K>, ApiCallError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<OutputOf<K>, ApiCallError>({
    queryKey: [method, input],
    queryFn: () => callOrThrow(method, input),
    ...options,
  });
}

/** A write: on success every query refetches, since a write can change any view. Keyed by method, so
 * another component can follow its outcome (useMutationState) after the one that started it is gone. */
export function useApiMutation<K extends MethodName>(method: K) {
  const queryClient = useQueryClient();
  return useMutation<OutputOf<K>, ApiCallError, InputOf<K>>({
    mutationKey: [method],
    mutationFn: (input) => callOrThrow(method, input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
