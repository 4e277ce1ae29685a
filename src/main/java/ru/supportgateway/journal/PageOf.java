package ru.supportgateway.journal;

import java.util.List;
import java.util.function.Function;

/** One page of results, shaped like Spring Data's PagedModel JSON: {@code {content, page:{...}}}. */
public record PageOf<T>(List<T> content, PageInfo page) {

    public PageOf {
        content = List.copyOf(content);
    }

    public static <T> PageOf<T> of(List<T> content, int number, int size, long totalElements) {
        int totalPages = (int) ((totalElements + size - 1) / size);
        return new PageOf<>(content, new PageInfo(number, size, totalElements, totalPages));
    }

    public <R> PageOf<R> map(Function<? super T, ? extends R> f) {
        return new PageOf<>(content.stream().<R>map(f).toList(), page);
    }

    public record PageInfo(int number, int size, long totalElements, int totalPages) {
    }
}
